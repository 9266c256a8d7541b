import AttestServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrainingRecords

@Suite struct TrainingAPITests {
    static let bob = ServerFixture.proxyHeaders("bob@example.com")
    static let alice = ServerFixture.proxyHeaders("alice@example.com")

    @Test func attemptRoundTripAnswers201WithTheRecord() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let response = try await ServerFixture.postJSON(
                client, #"{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["c", "a"]}}"#, headers: Self.bob)
            #expect(response.status == .created)
            #expect(response.headers[.contentType] == "application/json")
            let body = try ServerFixture.json(response)
            #expect(Set(body.keys) == ["id", "quiz", "person", "score_percent", "passed", "recorded_at"])
            #expect(body["quiz"] as? String == "key-handling")
            #expect(body["person"] as? String == "bob@example.com")
            #expect(body["score_percent"] as? Int == 100)
            #expect(body["passed"] as? Bool == true)
            let stored = await fixture.store.stored
            #expect(body["id"] as? String == stored.first?.id)
            #expect(body["recorded_at"] as? String == stored.first?.recordedAt)

            let me = try ServerFixture.json(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: Self.bob))
            let history = try #require(me["history"] as? [[String: Any]])
            #expect(history.count == 1)
            #expect(history.first?["quiz"] as? String == "key-handling")
            #expect(me["as_of"] as? String == "2026-09-21")
        }
    }

    /// A secret key pasted where a quiz id or a question number goes is not written back in full.
    @Test(arguments: [
        (#"{"quiz": "KEY", "answers": {"1": ["b"]}}"#, 404),
        (#"{"quiz": "key-handling", "answers": {"KEY": "b"}}"#, 400),
    ])
    func aSecretInARefusedSubmissionIsRedactedInTheAnswer(_ template: String, _ status: Int) async throws {
        let key =
            "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"
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let response = try await ServerFixture.postJSON(
                client, template.replacingOccurrences(of: "KEY", with: key), headers: Self.bob)
            #expect(response.status.code == status)
            let message = try #require(try ServerFixture.json(response)["error"] as? String)
            #expect(!message.contains(key), "\(message)")
            #expect(message.contains("sk_live_…vUCsM") || message.contains("sk_live_…UCsM"), "\(message)")
        }
    }

    @Test(arguments: [
        (#"{"quiz": "key-handling", "answers": {"1": ["b"]"#, 400, "not valid JSON"),
        (#"{"answers": {"1": ["b"]}}"#, 400, "the field 'quiz' is missing"),
        (#"{"quiz": "key-handling", "answers": {"1": "b"}}"#, 400, "in 'answers.1': expected a list of strings"),
        (#"{"quiz": "nope", "answers": {"1": ["b"]}}"#, 404, "There is no quiz 'nope'."),
        (
            #"{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "c"], "3": ["a"]}}"#, 422,
            "unknown question '3'"
        ),
        (#"{"quiz": "key-handling", "answers": {"1": ["q"], "2": ["a"]}}"#, 422, "question 1 has no option 'q'"),
        (#"{"quiz": "key-handling", "answers": {"1": ["b"]}}"#, 422, "question 2 has no answer"),
        (
            #"{"quiz": "key-handling", "answers": {"1": ["a", "b"], "2": ["a"]}}"#, 422,
            "question 1 takes exactly one answer"
        ),
    ])
    func badSubmissionsAreRefusedWithAJSONMessage(_ body: String, _ status: Int, _ message: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let response = try await ServerFixture.postJSON(client, body, headers: Self.bob)
            #expect(response.status.code == status)
            let error = try ServerFixture.json(response)
            #expect((error["error"] as? String)?.contains(message) == true, "\(error)")
            #expect(error["status"] as? Int == status)
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func apiRequiresJSONContentType() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/attempts", method: .post,
                headers: ServerFixture.with(Self.bob, "Content-Type", "application/x-www-form-urlencoded"),
                body: ByteBuffer(string: #"{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "c"]}}"#))
            #expect(response.status == .unsupportedMediaType)
            #expect((try ServerFixture.json(response)["error"] as? String)?.contains("application/json") == true)
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func apiBodyOverTheLimitIs413() async throws {
        let fixture = try ServerFixture(maxBodyBytes: 512)
        try await fixture.test { client in
            let options = Array(repeating: "\"a\"", count: 300).joined(separator: ",")
            let response = try await ServerFixture.postJSON(
                client, #"{"quiz": "key-handling", "answers": {"1": [\#(options)]}}"#, headers: Self.bob)
            #expect(response.status == .contentTooLarge)
            #expect(try ServerFixture.json(response)["status"] as? Int == 413)
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func wrongMethodsAndUnknownEndpoints() async throws {
        try await ServerFixture().test { client in
            let get = try await client.execute(uri: "/api/v1/attempts", method: .get, headers: Self.bob)
            #expect(get.status == .methodNotAllowed)
            #expect(try ServerFixture.json(get)["error"] as? String == "GET is not allowed here; use POST.")
            let post = try await client.execute(uri: "/api/v1/me", method: .post, headers: Self.bob)
            #expect(post.status == .methodNotAllowed)
            let unknown = try await client.execute(uri: "/api/v2/whatever", method: .get, headers: Self.bob)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func statusIsForAdminsOnly() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let denied = try await client.execute(uri: "/api/v1/training/status", method: .get, headers: Self.bob)
            #expect(denied.status == .forbidden)
            let deniedPage = try await client.execute(uri: "/admin/training/", method: .get, headers: Self.bob)
            #expect(deniedPage.status == .forbidden)
            let anonymous = try await client.execute(uri: "/api/v1/training/status", method: .get)
            #expect(anonymous.status == .unauthorized)

            let allowed = try await client.execute(uri: "/api/v1/training/status", method: .get, headers: Self.alice)
            #expect(allowed.status == .ok)
            let body = try ServerFixture.json(allowed)
            #expect(body["as_of"] as? String == "2026-09-21")
            #expect(body["requirements"] is [Any])
            #expect(body["teams"] is [Any])

            let page = try await client.execute(uri: "/admin/training/", method: .get, headers: Self.alice)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("<h1>Training status</h1>"))
        }
    }

    @Test func adminPageShowsWhenEachPersonWasLastRemindedAndAtWhichStage() async throws {
        let fixture = try ServerFixture()
        let first = ReminderClaim(
            channel: "email", recipient: "bob@example.com", digest: "d1", stage: "before-14", items: ["x"])
        let later = ReminderClaim(
            channel: "webhook", recipient: "bob@example.com", digest: "d2", stage: "due", items: ["y"])
        let failed = ReminderClaim(
            channel: "email", recipient: "<b>carol</b>@example.com", digest: "d3", stage: "overdue-7", items: ["z"])
        for claim in [first, later, failed] { _ = try await fixture.store.claimReminder(claim) }
        try await fixture.store.finishReminder(first, sent: true, detail: nil)
        try await fixture.store.finishReminder(later, sent: true, detail: nil)
        try await fixture.store.finishReminder(failed, sent: false, detail: "550")
        try await fixture.test { client in
            let page = try await client.execute(uri: "/admin/training/", method: .get, headers: Self.alice)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<h2>Reminders</h2>"))
            #expect(
                html.contains(
                    "<tr><td>bob@example.com</td><td>2026-09-21T12:00:01.000Z</td><td>due</td><td>webhook</td><td></td></tr>"
                ), "\(html)")
            #expect(
                html.contains("<td>&lt;b&gt;carol&lt;/b&gt;@example.com</td><td></td><td></td><td></td><td>failed at"))
            #expect(!html.contains("<b>carol"))
        }
    }

    @Test func myTrainingPageShowsHistoryAndEscapesNames() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            _ = try await ServerFixture.postJSON(
                client, #"{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "c"]}}"#, headers: Self.bob)
            let page = try await client.execute(uri: "/me/", method: .get, headers: Self.bob)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Bob &lt;b&gt;Builder&lt;/b&gt;"))
            #expect(!html.contains("<b>Builder</b>"))
            #expect(html.contains("2026-09-21T12:00:00.000Z"))
            #expect(html.contains("Key handling &lt;basics&gt;"))
            #expect(!html.contains("Training status</a>"))
            let redirect = try await client.execute(uri: "/me", method: .get, headers: Self.bob)
            #expect(redirect.status == .movedPermanently)
        }
    }
}
