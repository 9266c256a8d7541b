import AttestServer
import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct QuizFormTests {
    static let bob = ServerFixture.proxyHeaders("bob@example.com")

    @Test func gradedAttemptIsStoredAndAFailedOneGivesNoAnswerAway() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let response = try await ServerFixture.postForm(
                client, "q1=a&q2=c&q2=a&csrf_token=\(token)", headers: Self.bob)
            #expect(response.status == .created)
            let page = String(buffer: response.body)
            #expect(page.contains("Not passed"))
            #expect(page.contains("you scored 50%"))
            // Which questions were wrong, and what was answered…
            #expect(page.contains("<li class=\"wrong\">\n<h2>Where do secrets live?</h2>\n<p><strong>Wrong.</strong>"))
            #expect(
                page.contains("<li class=\"right\">\n<h2>Which keys must be rotated?</h2>\n<p><strong>Right.</strong>"))
            #expect(page.contains("<li>In the repository</li>"))
            // …and nothing about the right options: no explanation, no right option marked or named.
            #expect(!page.contains("vault"))
            #expect(!page.contains("Every key that grants access is rotated."))
            #expect(!page.contains("class=\"explanation\""))
            #expect(!page.contains("right-answers"))
            #expect(page.contains("The explanations and the right answers are shown once you pass."))
            // The quiz title is escaped.
            #expect(page.contains("Key handling &lt;basics&gt;"))
            #expect(page.contains("Try again"))
        }
        let stored = await fixture.store.stored
        #expect(stored.count == 1)
        let record = try #require(stored.first)
        #expect(record.person == "bob@example.com")
        #expect(record.quizID == ServerFixture.quizID)
        #expect(record.answers == ["1": ["a"], "2": ["a", "c"]])
        #expect(record.scorePercent == 50)
        #expect(!record.passed)
        #expect(record.policyVersions == ["key-rotation": "2.1"])
        #expect(record.quizContentSHA256 == ServerFixture.quiz.contentSHA256)
        #expect(record.identitySource == "proxy")
    }

    @Test func aPassShowsEveryExplanationAndTheRightOptions() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let response = try await ServerFixture.postForm(
                client, "q1=b&q2=a&q2=c&csrf_token=\(token)", headers: Self.bob)
            #expect(response.status == .created)
            let page = String(buffer: response.body)
            #expect(page.contains("<strong>Passed</strong>"))
            // Explanations rendered from Markdown; raw HTML in them dropped, text escaped.
            #expect(page.contains("<em>the vault guide</em>"))
            #expect(page.contains("Every key that grants access is rotated."))
            #expect(!page.contains("<script>"))
            #expect(page.contains("<p class=\"right-answers\">The right answer:</p>"))
            #expect(page.contains("<ul class=\"right-answers\"><li>In the <strong>vault</strong></li></ul>"))
            #expect(page.contains("<p class=\"right-answers\">The right answers:</p>"))
            #expect(page.contains("<ul class=\"right-answers\"><li>Production keys</li><li>Staging keys</li></ul>"))
            #expect(!page.contains("shown once you pass"))
        }
    }

    /// `feedback: always` shows the explanations after a failed attempt too; `never` not even after a pass.
    @Test(arguments: [
        (QuizFeedback.always, "q1=a&q2=a", true), (.always, "q1=b&q2=a&q2=c", true),
        (.never, "q1=a&q2=a", false), (.never, "q1=b&q2=a&q2=c", false),
        (.afterPass, "q1=a&q2=a", false), (.afterPass, "q1=b&q2=a&q2=c", true),
    ])
    func feedbackSettingDecidesWhatTheResultShows(_ feedback: QuizFeedback, _ answers: String, _ reveals: Bool)
        async throws
    {
        var quiz = ServerFixture.quiz
        quiz.feedback = feedback
        let fixture = try ServerFixture(quiz: quiz)
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let response = try await ServerFixture.postForm(client, "\(answers)&csrf_token=\(token)", headers: Self.bob)
            #expect(response.status == .created)
            let page = String(buffer: response.body)
            #expect(page.contains("Every key that grants access is rotated.") == reveals)
            #expect(page.contains("class=\"right-answers\"") == reveals)
            #expect(page.contains("class=\"explanation\"") == reveals)
            #expect(page.contains("This quiz does not show its answers.") == (feedback == .never))
        }
    }

    @Test func passingAttemptSaysPassed() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let response = try await ServerFixture.postForm(
                client, "q1=b&q2=a&q2=c&csrf_token=\(token)", headers: Self.bob)
            #expect(response.status == .created)
            #expect(String(buffer: response.body).contains("<strong>Passed</strong>"))
        }
        #expect(await fixture.store.stored.map(\.passed) == [true])
    }

    /// Options in the order the quiz page showed for one request, per question: `q1` → [a, b].
    static func optionOrder(_ page: String) -> [String: [String]] {
        var order: [String: [String]] = [:]
        var rest = page[...]
        while let range = rest.range(of: #"name=""#) {
            let name = rest[range.upperBound...].prefix { $0 != "\"" }
            rest = rest[range.upperBound...]
            guard name.hasPrefix("q"), let value = rest.range(of: #"value=""#) else { continue }
            order[String(name), default: []].append(String(rest[value.upperBound...].prefix { $0 != "\"" }))
        }
        return order
    }

    /// A stable sequence of random numbers (SplitMix64), so that the shuffles below are the same in every run.
    final class SeededRandom: @unchecked Sendable {
        private let lock = NSLock()
        private var state: UInt64 = 42

        func next() -> UInt64 {
            lock.withLock {
                state &+= 0x9e37_79b9_7f4a_7c15
                var z = state
                z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
                z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
                return z ^ (z >> 31)
            }
        }
    }

    @Test func everyAttemptGetsItsOwnOrderOfOptionsAndIsGradedByOptionID() async throws {
        let random = SeededRandom()
        let fixture = try ServerFixture(random: { random.next() })
        try await fixture.test { client in
            var orders: Set<[String: [String]]> = []
            for _ in 0..<12 {
                let response = try await client.execute(
                    uri: "/quizzes/\(ServerFixture.quizID)/", method: .get, headers: Self.bob)
                let page = String(buffer: response.body)
                let order = Self.optionOrder(page)
                // Every option once, whatever the order; the marks stay out of the page.
                #expect(order["q1"]?.sorted() == ["a", "b"])
                #expect(order["q2"]?.sorted() == ["a", "b", "c"])
                #expect(!page.contains("attest:option"))
                #expect(page.contains("<legend>Where do secrets live?</legend>"))
                orders.insert(order)
            }
            #expect(orders.count > 1, "the options were shown in one order only: \(orders)")
            // Graded by option id: the same answers score the same whatever order they were shown in.
            for _ in 0..<3 {
                let token = try await ServerFixture.formToken(client, headers: Self.bob)
                let response = try await ServerFixture.postForm(
                    client, "q1=b&q2=c&q2=a&csrf_token=\(token)", headers: Self.bob)
                #expect(response.status == .created)
            }
        }
        let stored = await fixture.store.stored
        #expect(stored.map(\.scorePercent) == [100, 100, 100])
        #expect(stored.allSatisfy { $0.answers == ["1": ["b"], "2": ["a", "c"]] })
    }

    @Test func aQuizWithoutShuffleKeepsTheBuiltOrder() async throws {
        var quiz = ServerFixture.quiz
        quiz.shuffle = false
        let fixture = try ServerFixture(quiz: quiz)
        try await fixture.test { client in
            for _ in 0..<5 {
                let response = try await client.execute(
                    uri: "/quizzes/\(ServerFixture.quizID)/", method: .get, headers: Self.bob)
                let page = String(buffer: response.body)
                #expect(Self.optionOrder(page) == ["q1": ["a", "b"], "q2": ["a", "b", "c"]])
                #expect(!page.contains("attest:option"))
            }
        }
    }

    @Test func missingWrongOrForeignFormTokenIsRefused() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let aliceToken = try await ServerFixture.formToken(
                client, headers: ServerFixture.proxyHeaders("alice@example.com"))
            let bobToken = try await ServerFixture.formToken(client, headers: Self.bob)
            let cases: [(String, HTTPFields)] = [
                ("q1=b&q2=a&q2=c", Self.bob),
                ("q1=b&q2=a&q2=c&csrf_token=", Self.bob),
                ("q1=b&q2=a&q2=c&csrf_token=forged.token", Self.bob),
                ("q1=b&q2=a&q2=c&csrf_token=\(aliceToken)", Self.bob),
                (
                    "q1=b&q2=a&q2=c&csrf_token=\(bobToken)",
                    ServerFixture.with(Self.bob, "Origin", "https://evil.example")
                ),
                ("q1=b&q2=a&q2=c&csrf_token=\(bobToken)", ServerFixture.with(Self.bob, "Sec-Fetch-Site", "cross-site")),
            ]
            for (body, headers) in cases {
                let response = try await ServerFixture.postForm(client, body, headers: headers)
                #expect(response.status == .forbidden, "\(body)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains("403 Forbidden"))
            }
            // Same origin (the handbook's base URL) is accepted.
            let ok = try await ServerFixture.postForm(
                client, "q1=b&q2=a&q2=c&csrf_token=\(bobToken)",
                headers: ServerFixture.with(Self.bob, "Origin", "https://handbook.example.com"))
            #expect(ok.status == .created)
        }
        #expect(await fixture.store.stored.count == 1)
    }

    @Test func formTokenExpires() async throws {
        let fixture = try ServerFixture()
        let expired = SignedToken(
            purpose: .formToken, subject: "bob@example.com",
            expires: Int64(ServerFixture.now.timeIntervalSince1970) - 1,
            nonce: "proxy"
        ).encoded(with: fixture.key)
        try await fixture.test { client in
            let response = try await ServerFixture.postForm(
                client, "q1=b&q2=a&q2=c&csrf_token=\(expired)", headers: Self.bob)
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("has expired"))
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test(arguments: [
        ("q1=b&q2=a&q2=c&q9=a", 422, "unknown question &#39;9&#39;"),
        ("q1=z&q2=a&q2=c", 422, "question 1 has no option &#39;z&#39;"),
        ("q1=b", 422, "question 2 has no answer"),
        ("q1=a&q1=b&q2=a&q2=c", 422, "question 1 takes exactly one answer"),
        ("q1=%zz", 400, "bad percent-encoding"),
    ])
    func badAnswersAreRefusedAndNothingStored(_ answers: String, _ status: Int, _ message: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let response = try await ServerFixture.postForm(client, "\(answers)&csrf_token=\(token)", headers: Self.bob)
            #expect(response.status.code == status)
            #expect(String(buffer: response.body).contains(message))
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func unknownQuizIs404() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let response = try await ServerFixture.postForm(
                client, "q1=b&csrf_token=\(token)", headers: Self.bob, quizID: "no-such-quiz")
            #expect(response.status == .notFound)
            #expect(String(buffer: response.body).contains("There is no quiz &#39;no-such-quiz&#39;."))
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func wrongMethodAndWrongContentType() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let get = try await client.execute(
                uri: "/quizzes/\(ServerFixture.quizID)/attempt", method: .get, headers: Self.bob)
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow] == "POST")
            let text = try await client.execute(
                uri: "/quizzes/\(ServerFixture.quizID)/attempt", method: .post,
                headers: ServerFixture.with(Self.bob, "Content-Type", "text/plain"), body: ByteBuffer(string: "q1=b"))
            #expect(text.status == .unsupportedMediaType)
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func oversizedBodyIs413() async throws {
        let fixture = try ServerFixture(maxBodyBytes: 1024)
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let padding = String(repeating: "x", count: 2000)
            let response = try await ServerFixture.postForm(
                client, "q1=b&q2=a&q2=c&pad=\(padding)&csrf_token=\(token)", headers: Self.bob)
            #expect(response.status == .contentTooLarge)
            #expect(String(buffer: response.body).contains("larger than the limit of 1 KiB"))
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func storeFailureIsNotReportedAsSuccess() async throws {
        let fixture = try ServerFixture()
        await fixture.store.failNextAppends(true)
        try await fixture.test { client in
            let token = try await ServerFixture.formToken(client, headers: Self.bob)
            let response = try await ServerFixture.postForm(
                client, "q1=b&q2=a&q2=c&csrf_token=\(token)", headers: Self.bob)
            #expect(response.status == .serviceUnavailable)
            #expect(String(buffer: response.body).contains("nothing was stored"))
        }
    }

    @Test func messagesEscapeTheCallersEmail() async throws {
        let fixture = try ServerFixture()
        let hostile = ServerFixture.proxyHeaders("<img/src=x/onerror=alert(1)>@evil.example")
        try await fixture.test { client in
            let response = try await ServerFixture.postForm(client, "q1=b&q2=a&q2=c&csrf_token=x", headers: hostile)
            #expect(response.status == .forbidden)
            let page = String(buffer: response.body)
            #expect(page.contains("&lt;img/src=x/onerror=alert(1)&gt;@evil.example"))
            #expect(!page.contains("<img"))
        }
        #expect(await fixture.store.stored.isEmpty)
    }
}
