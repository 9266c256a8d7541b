import Foundation
import Testing

/// `attest serve` as a subprocess on loopback: the JSON API stores attempts that the export then shows.
@Suite("attest serve, end to end")
struct ServeTests {
    static let person = "alice@example.com"

    @Test("POST /api/v1/attempts answers 201 and the attempt is in `training export`")
    func attemptIsRecordedAndExported() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let build = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(build.exitCode == 0, "\(build)")
        let server = try await AttestServerProcess(root: root, extraArguments: ["--dev-identity", Self.person])
        var recordedIDs: [String] = []
        do {
            let right = try await server.request(
                "POST", "/api/v1/attempts",
                body: Data(#"{"quiz": "key-basics", "answers": {"1": ["b"], "2": ["a", "c"]}}"#.utf8),
                contentType: "application/json")
            #expect(right.status == 201, "\(right.text)\n\(server.logText)")
            let json = try #require(right.json, "not JSON: \(right.text)")
            #expect(json["quiz"] as? String == "key-basics")
            #expect(json["person"] as? String == Self.person)
            #expect(json["score_percent"] as? Int == 100)
            #expect(json["passed"] as? Bool == true)
            #expect(json["recorded_at"] is String)
            recordedIDs.append(try #require(json["id"] as? String))

            let wrong = try await server.request(
                "POST", "/api/v1/attempts",
                body: Data(#"{"quiz": "key-basics", "answers": {"1": ["a"], "2": ["a", "c"]}}"#.utf8),
                contentType: "application/json")
            #expect(wrong.status == 201, "\(wrong.text)")
            #expect(wrong.json?["score_percent"] as? Int == 50)
            #expect(wrong.json?["passed"] as? Bool == false)
            if let id = wrong.json?["id"] as? String { recordedIDs.append(id) }

            let me = try await server.request("GET", "/api/v1/me")
            #expect(me.status == 200, "\(me.text)")
            #expect(me.text.contains("key-basics"))
        } catch {
            server.stop()
            throw error
        }
        server.stop()

        let csv = try await AttestExecutable.run(
            ["training", "export", "--root", root.url.path, "--format", "csv"], in: root.url)
        #expect(csv.exitCode == 0, "\(csv)")
        let rows = csv.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 2, "\(csv.stdout)")
        for id in recordedIDs { #expect(csv.stdout.contains(id), "export lacks attempt \(id):\n\(csv.stdout)") }
        #expect(rows.allSatisfy { $0.contains(Self.person) && $0.contains("key-basics") })

        let xapi = try await AttestExecutable.run(
            ["training", "export", "--root", root.url.path, "--format", "xapi"], in: root.url)
        #expect(xapi.exitCode == 0, "\(xapi)")
        #expect(xapi.stdout.contains("mailto:\(Self.person)"))
        #expect(xapi.stdout.contains("http://adlnet.gov/expapi/verbs/passed"))
        #expect(xapi.stdout.contains("http://adlnet.gov/expapi/verbs/failed"))

        let verify = try await AttestExecutable.run(["training", "verify", "--root", root.url.path], in: root.url)
        #expect(verify.exitCode == 0, "\(verify)")
    }

    @Test("without an identity, submissions are refused and nothing is stored")
    func noIdentityRefused() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let build = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(build.exitCode == 0, "\(build)")
        let server = try await AttestServerProcess(root: root, extraArguments: [])
        let response: AttestServerProcess.Response
        do {
            response = try await server.request(
                "POST", "/api/v1/attempts",
                body: Data(#"{"quiz": "key-basics", "answers": {"1": ["b"], "2": ["a", "c"]}}"#.utf8),
                contentType: "application/json")
        } catch {
            server.stop()
            throw error
        }
        server.stop()
        #expect(response.status == 401 || response.status == 403, "\(response.status) \(response.text)")
        let csv = try await AttestExecutable.run(
            ["training", "export", "--root", root.url.path, "--format", "csv"], in: root.url)
        #expect(csv.stdout.split(separator: "\n").count <= 1, "\(csv)")
    }

    /// `--dev-identity` signs every visitor in: never together with a trusted proxy (requests that reach
    /// the port without the proxy's secret would be signed in), never off loopback. Refused at start-up
    /// with exit 2, before anything is built or opened.
    @Test(
        "an identity bypass is refused at start-up with exit 2 and nothing written",
        arguments: [
            (
                [
                    "--dev-identity", "alice@example.com", "--trusted-header", "X-Forwarded-Email",
                    "--proxy-secret-file",
                    "proxy-secret.txt",
                ],
                "--dev-identity cannot be combined with --trusted-header"
            ),
            (["--dev-identity", "alice@example.com", "--host", "0.0.0.0"], "only listens on a loopback address"),
            (["--dev-identity", "alice@example.com", "--host", "::"], "only listens on a loopback address"),
            (["--dev-identity", "alice@example.com", "--host", "192.168.1.10"], "only listens on a loopback address"),
            (["--dev-identity", "alice@example.com", "--host", "handbook.example.com"], "not 'handbook.example.com'"),
        ])
    func identityBypassIsRefused(_ arguments: [String], _ phrase: String) async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        try root.write("a-long-shared-proxy-secret-0123456789\n", to: "proxy-secret.txt")
        let before = root.snapshot()
        let port = String(try AttestServerProcess.freeLoopbackPort())
        let outcome = try await AttestExecutable.run(
            ["serve", "--root", root.url.path, "--port", port] + arguments, in: root.url, timeout: 60)
        #expect(outcome.exitCode == 2, "\(outcome)")
        #expect(!outcome.looksLikeCrash, "\(outcome)")
        #expect(outcome.stderr.contains(phrase), "\(outcome)")
        #expect(!outcome.stdout.contains("Serving"), "\(outcome)")
        #expect(root.snapshot().differences(from: before) == [], "serve wrote something before refusing")
    }

    /// The values of `name="qN"` inputs in page order, per question.
    static func optionOrder(_ page: String) -> [String: [String]] {
        var order: [String: [String]] = [:]
        let pattern = try! NSRegularExpression(pattern: #"name="(q[0-9]+)" value="([a-z])""#)
        for match in pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)) {
            let name = String(page[Range(match.range(at: 1), in: page)!])
            order[name, default: []].append(String(page[Range(match.range(at: 2), in: page)!]))
        }
        return order
    }

    static func formToken(_ page: String) -> String? {
        guard let start = page.range(of: #"name="csrf_token" value=""#)?.upperBound else { return nil }
        return String(page[start...].prefix { $0 != "\"" })
    }

    /// The built quiz page keeps its order and the marks; the server gives every attempt its own
    /// order, grades by option id, and shows the explanations and right answers only after a pass.
    @Test("quiz pages are shuffled per attempt, and a failed attempt gives no answer away")
    func quizIsShuffledPerAttemptAndAFailedAttemptRevealsNothing() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let build = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(build.exitCode == 0, "\(build)")
        let built = try #require(root.read("site/quizzes/key-basics/index.html"))
        #expect(built.contains("<!--attest:options-->"))
        let server = try await AttestServerProcess(root: root, extraArguments: ["--dev-identity", Self.person])
        let explanations = [
            "The rotation policy sets the maximum key age.", "Both the KMS and the vault are approved storage.",
        ]
        do {
            var orders: Set<[String: [String]]> = []
            var token = ""
            for _ in 0..<10 {
                let page = try await server.request("GET", "/quizzes/key-basics/")
                #expect(page.status == 200)
                #expect(!page.text.contains("attest:option"))
                let order = Self.optionOrder(page.text)
                #expect(order["q1"]?.sorted() == ["a", "b", "c"])
                #expect(order["q2"]?.sorted() == ["a", "b", "c"])
                orders.insert(order)
                token = try #require(Self.formToken(page.text))
            }
            #expect(orders.count > 1, "ten quiz pages, one order: \(orders)")

            func post(_ answers: String) async throws -> AttestServerProcess.Response {
                try await server.request(
                    "POST", "/quizzes/key-basics/attempt", body: Data("\(answers)&csrf_token=\(token)".utf8),
                    contentType: "application/x-www-form-urlencoded")
            }
            let failed = try await post("q1=a&q2=a&q2=c")
            #expect(failed.status == 201, "\(failed.text)")
            #expect(failed.text.contains("Not passed"))
            #expect(failed.text.contains("Wrong."))
            for leak in explanations + ["At least every 73 days", "right-answers", "class=\"explanation\""] {
                #expect(!failed.text.contains(leak), "a failed attempt shows '\(leak)'")
            }
            let passed = try await post("q2=c&q2=a&q1=b")
            #expect(passed.status == 201, "\(passed.text)")
            #expect(passed.text.contains("<strong>Passed</strong>"))
            for explanation in explanations { #expect(passed.text.contains(explanation)) }
            #expect(passed.text.contains("At least every 73 days"))
        } catch {
            server.stop()
            throw error
        }
        server.stop()
        let csv = try await AttestExecutable.run(
            ["training", "export", "--root", root.url.path, "--format", "csv"], in: root.url)
        #expect(csv.stdout.split(separator: "\n").count == 3, "\(csv)")
    }
}
