import Foundation
import Testing

/// The bad-input corpus: every malformed input gives its exact diagnostic (file and line) and exit
/// code, or its HTTP status, and nothing is written or stored.
@Suite("bad-input corpus")
struct CorpusTests {
    @Test("the corpus holds at least 40 cases, each with a readable `expected` file")
    func corpusIsComplete() {
        #expect(CorpusCase.all.count >= 40)
        for corpusCase in CorpusCase.all {
            #expect(corpusCase.isWellFormed, "\(corpusCase.name)/expected is incomplete")
        }
    }

    @Test("malformed input is rejected with its diagnostic and nothing is written", arguments: CorpusCase.all)
    func malformedInput(_ corpusCase: CorpusCase) async throws {
        try #require(corpusCase.isWellFormed, "\(corpusCase.name)/expected is incomplete")
        let root = try FixtureRoot(overlays: corpusCase.tree.map { [$0] } ?? [])
        defer { root.remove() }
        if let bug = corpusCase.knownBug {
            await withKnownIssue(Comment(rawValue: bug)) { try await Self.run(corpusCase, root: root) }
        } else {
            try await Self.run(corpusCase, root: root)
        }
    }

    static func run(_ corpusCase: CorpusCase, root: FixtureRoot) async throws {
        if let request = corpusCase.request {
            try await runHTTP(corpusCase, request: request, root: root)
        } else {
            try await runCommand(corpusCase, root: root)
        }
    }

    static func runCommand(_ corpusCase: CorpusCase, root: FixtureRoot) async throws {
        // A previous site (with the search index that marks a folder as Attest's) that a failed build must leave alone.
        try root.write("previous build\n", to: "site/index.html")
        try root.write("[]\n", to: "site/search-index.json")
        let before = root.snapshot()
        let outcome = try await AttestExecutable.run(corpusCase.arguments + ["--root", root.url.path], in: root.url)
        #expect(outcome.exitCode == corpusCase.exitCode, "\(outcome)")
        #expect(!outcome.looksLikeCrash, "\(outcome)")
        for expected in corpusCase.diagnostics {
            #expect(
                outcome.stderrLines.contains { expected.matches($0) },
                "expected on stderr: \(expected)\n\(outcome)")
        }
        #expect(root.snapshot().differences(from: before) == [], "the command wrote something")
    }

    static func runHTTP(_ corpusCase: CorpusCase, request: CorpusCase.Request, root: FixtureRoot) async throws {
        let build = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        try #require(build.exitCode == 0, "\(build)")
        let server = try await AttestServerProcess(root: root, extraArguments: ["--dev-identity", "alice@example.com"])
        let good: AttestServerProcess.Response
        let bad: AttestServerProcess.Response
        do {
            // One good attempt first, so that the export below is known to show stored rows.
            good = try await server.request(
                "POST", "/api/v1/attempts",
                body: Data(#"{"quiz": "key-basics", "answers": {"1": ["b"], "2": ["a", "c"]}}"#.utf8),
                contentType: "application/json")
            bad = try await server.request(
                request.method, request.path, body: request.body, contentType: request.contentType)
        } catch {
            server.stop()
            throw error
        }
        server.stop()
        #expect(good.status == 201, "\(good.text)")
        #expect(bad.status == corpusCase.status, "\(bad.status): \(bad.text)")
        if let message = corpusCase.message {
            #expect(bad.text.lowercased().contains(message.lowercased()), "response body: \(bad.text)")
        }
        let export = try await AttestExecutable.run(
            ["training", "export", "--root", root.url.path, "--format", "csv"], in: root.url)
        #expect(export.exitCode == 0, "\(export)")
        #expect(export.stdout.split(separator: "\n").count == 2, "exactly the one good attempt:\n\(export.stdout)")
    }
}
