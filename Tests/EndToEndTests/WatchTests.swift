import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `attest build --watch` as a subprocess: it builds, publishes an edit by itself, and stops cleanly on SIGTERM.
@Suite("attest build --watch, end to end")
struct WatchTests {
    @Test("an edit to a page is published without a new command; SIGTERM ends with exit 0")
    func editIsPublishedAndSIGTERMStops() async throws {
        guard FileManager.default.isExecutableFile(atPath: AttestExecutable.url.path) else {
            throw AttestExecutable.Missing()
        }
        let root = try FixtureRoot()
        defer { root.remove() }
        let logURL = root.container.appendingPathComponent("watch.log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        defer { try? log.close() }
        let process = Process()
        process.executableURL = AttestExecutable.url
        process.arguments = ["build", "--watch", "--root", root.url.path]
        process.currentDirectoryURL = root.url
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func logText() -> String { String(decoding: (try? Data(contentsOf: logURL)) ?? Data(), as: UTF8.self) }

        let page = "site/guides/onboarding/index.html"
        let built = try await Self.poll(seconds: 180) { root.exists(page) || !process.isRunning }
        #expect(built && process.isRunning, "no first build:\n\(logText())")
        let original = try #require(root.read("content/guides/onboarding.md"))

        let marker = "watchmarker\(UUID().uuidString.prefix(8))"
        try root.write(original + "\nEdited: \(marker).\n", to: "content/guides/onboarding.md")
        let published = try await Self.poll(seconds: 20) { root.read(page)?.contains(marker) == true }
        #expect(published, "the edit was not published:\n\(logText())")

        // An invalid edit leaves the last good page; fixing it publishes again.
        try root.write("---\ntitle: [unclosed\n---\n\nBroken.\n", to: "content/guides/onboarding.md")
        let reported = try await Self.poll(seconds: 20) { logText().contains("content/guides/onboarding.md:") }
        #expect(reported, "no diagnostic for the invalid edit:\n\(logText())")
        #expect(root.read(page)?.contains(marker) == true)
        try root.write(original, to: "content/guides/onboarding.md")
        let restored = try await Self.poll(seconds: 20) { root.read(page)?.contains(marker) == false }
        #expect(restored, "the fixed page was not published:\n\(logText())")

        kill(process.processIdentifier, SIGTERM)
        let stopped = try await Self.poll(seconds: 20) { !process.isRunning }
        #expect(stopped, "attest build --watch did not stop on SIGTERM:\n\(logText())")
        if stopped {
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(logText())")
        }
    }

    /// Checks `condition` every 20 ms until it holds (true) or `seconds` pass (false).
    static func poll(seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}

/// `attest serve --watch`: the site is built in memory, pages carry the reload script, edits are served.
@Suite("attest serve --watch, end to end")
struct ServeWatchTests {
    @Test("an edit is served without a restart and the page asks to reload")
    func editIsServed() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let server = try await AttestServerProcess(
            root: root, extraArguments: ["--watch", "--dev-identity", "alice@example.com"])
        defer { server.stop() }
        let before = try await server.request("GET", "/guides/onboarding/")
        #expect(before.status == 200, "\(server.logText)")
        #expect(before.text.contains("/_attest/site-generation"))
        #expect(!root.exists("site"), "serve --watch builds in memory")
        let generation = try await server.request("GET", "/_attest/site-generation?known=-1").text

        let original = try #require(root.read("content/guides/onboarding.md"))
        let marker = "servemarker\(UUID().uuidString.prefix(8))"
        try root.write(original + "\nEdited: \(marker).\n", to: "content/guides/onboarding.md")
        let changed = try await server.request("GET", "/_attest/site-generation?known=\(generation)").text
        #expect(changed != generation, "\(server.logText)")
        let after = try await server.request("GET", "/guides/onboarding/")
        #expect(after.text.contains(marker), "\(server.logText)")
    }

    @Test("an edited quiz is graded as it is now shown")
    func editedQuizIsGradedAsShown() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let server = try await AttestServerProcess(
            root: root, extraArguments: ["--watch", "--dev-identity", "alice@example.com"])
        defer { server.stop() }
        let answers = Data(#"{"quiz": "key-basics", "answers": {"1": ["a"], "2": ["a", "c"]}}"#.utf8)
        let before = try await server.request(
            "POST", "/api/v1/attempts", body: answers, contentType: "application/json")
        #expect(before.status == 201, "\(server.logText)")
        #expect(before.text.contains(#""passed":false"#), "\(before.text)")

        // Question 1's right answer becomes "Never" (a): the same answers now pass. The quiz page does
        // not change (it never shows which options are right), so the server's log says when it is done.
        let quiz = try #require(root.read("content/quizzes/key-basics.md"))
        let edited = quiz.replacingOccurrences(of: "- [ ] Never", with: "- [x] Never")
            .replacingOccurrences(of: "- [x] At least every 73 days", with: "- [ ] At least every 73 days")
        try root.write(edited, to: "content/quizzes/key-basics.md")
        let rebuilt = try await WatchTests.poll(seconds: 20) {
            server.logText.contains("rebuilt content/quizzes/key-basics.md")
        }
        #expect(rebuilt, "\(server.logText)")
        let after = try await server.request(
            "POST", "/api/v1/attempts", body: answers, contentType: "application/json")
        #expect(after.status == 201, "\(server.logText)")
        #expect(after.text.contains(#""passed":true"#), "\(after.text)")
    }
}
