import Foundation
import Testing

/// `attest evidence` on the sample handbook: the package's contents, its manifest, `verify`
/// catching an edited, an added and a removed file, reproducibility, and bad input.
@Suite("attest evidence, end to end")
struct EvidenceTests {
    static let period = ["--from", "2026-01-01", "--to", "2026-11-27"]

    /// The sample root with its completions imported into the records store.
    static func sampleWithRecords() async throws -> (root: URL, remove: @Sendable () -> Void) {
        let (root, remove) = try SampleHandbookTests.sampleRoot()
        let imported = try await AttestExecutable.run(
            ["training", "import", "content/data/completions.csv", "--root", root.path], in: root)
        #expect(imported.exitCode == 0, "\(imported)")
        return (root, remove)
    }

    static func evidence(_ root: URL, output: String) async throws -> ProcessOutcome {
        try await AttestExecutable.run(
            ["evidence"] + period + [
                "--inventory", "content/data/keys.csv", "--output", output, "--root", root.path,
            ], in: root)
    }

    /// Every file under `directory` by relative path, with its bytes.
    static func tree(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    @Test("the package holds training, audit and policies, its manifest lists every file, and two runs are identical")
    func packageAndReproducibility() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        let first = try await Self.evidence(root, output: "out1")
        #expect(first.exitCode == 0, "\(first)")
        let second = try await Self.evidence(root, output: "out2")
        #expect(second.exitCode == 0, "\(second)")
        let one = try Self.tree(root.appendingPathComponent("out1"))
        let two = try Self.tree(root.appendingPathComponent("out2"))
        #expect(one == two, "two runs on the same inputs differ")
        for path in [
            "index.html", "manifest.json", "training/status.csv", "training/team-completion.csv",
            "training/attempts.csv",
            "training/attempts.xapi.json", "training/chain.json", "audit/report.json", "audit/index.html",
            "audit/report.sarif", "audit/findings.csv", "audit/report.md", "audit/junit.xml",
            "audit/oscal-assessment-results.json", "policies/key-rotation.html",
        ] {
            #expect(one[path] != nil, "missing \(path)")
        }
        let manifestBytes = try #require(one["manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestBytes) as? [String: Any])
        let listed = (manifest["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(Set(listed) == Set(one.keys).subtracting(["manifest.json"]))
        #expect((manifest["inputs"] as? [Any])?.isEmpty == false)
        let attempts = String(decoding: try #require(one["training/attempts.csv"]), as: UTF8.self)
        #expect(!attempts.contains("answers"), "the package must hold no quiz answers")
        let chain = String(decoding: try #require(one["training/chain.json"]), as: UTF8.self)
        #expect(chain.contains("\"intact\": true"))
        let policy = String(decoding: try #require(one["policies/key-rotation.html"]), as: UTF8.self)
        #expect(!policy.contains("{{ controls."))
        let index = String(decoding: try #require(one["index.html"]), as: UTF8.self)
        #expect(index.contains("2026-01-01 to 2026-11-27"))
        #expect(index.contains("Example Corp"))
        // No wall-clock time: no mention of today's date anywhere.
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        #expect(!one.values.contains { String(decoding: $0, as: UTF8.self).contains(today) })

        let intact = try await AttestExecutable.run(["evidence", "verify", "out1"], in: root)
        #expect(intact.exitCode == 0, "\(intact)")
    }

    @Test("verify names an edited, an added and a removed file and exits 1")
    func verifyCatchesChanges() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        let built = try await Self.evidence(root, output: "out")
        #expect(built.exitCode == 0, "\(built)")
        let out = root.appendingPathComponent("out")
        let edited = out.appendingPathComponent("training/status.csv")
        var bytes = try Data(contentsOf: edited)
        bytes.append(contentsOf: Array("x".utf8))
        try bytes.write(to: edited)
        try Data("extra".utf8).write(to: out.appendingPathComponent("policies/extra.html"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("audit/junit.xml"))
        let outcome = try await AttestExecutable.run(["evidence", "verify", "out"], in: root)
        #expect(outcome.exitCode == 1, "\(outcome)")
        #expect(outcome.stdout.contains("changed: training/status.csv"), "\(outcome)")
        #expect(outcome.stdout.contains("added: policies/extra.html"), "\(outcome)")
        #expect(outcome.stdout.contains("removed: audit/junit.xml"), "\(outcome)")
    }

    @Test("bad input exits 2 with a diagnostic and writes nothing")
    func badInput() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        let cases: [([String], String)] = [
            (["--from", "2026-12-01", "--to", "2026-11-27"], "out of order"),
            (["--from", "2000-01-01", "--to", "2000-02-01"], "no policy is in force"),
            (Self.period + ["--records", "missing.sqlite"], "no training records database"),
        ]
        for (arguments, message) in cases {
            let outcome = try await AttestExecutable.run(
                ["evidence"] + arguments + ["--output", "bad", "--root", root.path], in: root)
            #expect(outcome.exitCode == 2, "\(outcome)")
            #expect(outcome.stderr.contains(message), "\(outcome)")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad").path))
        }
        // A corrupt store: not a SQLite database.
        try Data("not a database".utf8).write(to: root.appendingPathComponent("corrupt.sqlite"))
        let corrupt = try await AttestExecutable.run(
            ["evidence"] + Self.period + ["--records", "corrupt.sqlite", "--output", "bad", "--root", root.path],
            in: root)
        #expect(corrupt.exitCode == 2, "\(corrupt)")
        #expect(corrupt.stderr.contains("error:"), "\(corrupt)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad").path))
    }

    /// Runs git in `directory` with fixed identities and dates.
    static func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in [
            "GIT_AUTHOR_NAME": "Aiko Tanaka", "GIT_AUTHOR_EMAIL": "aiko.tanaka@example.com",
            "GIT_COMMITTER_NAME": "Aiko Tanaka", "GIT_COMMITTER_EMAIL": "aiko.tanaka@example.com",
            "GIT_AUTHOR_DATE": "2026-03-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-03-01T10:00:00Z",
        ] {
            environment[key] = value
        }
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments) failed")
    }

    @Test("in a git repository, a policy's page lists each commit that changed its version, with Approved-by")
    func gitHistory() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        try Self.git(["init", "-q"], in: root)
        try Self.git(["add", "content", "templates"], in: root)
        try Self.git(["commit", "-q", "-m", "Restricted keys 2.0"], in: root)
        let policy = root.appendingPathComponent("content/policies/keys/restricted-keys.md")
        let text = String(decoding: try Data(contentsOf: policy), as: UTF8.self)
        #expect(text.contains("version: \"2.0\""))
        try Data(text.replacingOccurrences(of: "version: \"2.0\"", with: "version: \"2.1\"").utf8).write(to: policy)
        try Self.git(
            [
                "commit", "-q", "-a", "-m", "Restricted keys 2.1", "-m",
                "Approved-by: Security Lead <security-lead@example.com>",
            ],
            in: root)
        let outcome = try await AttestExecutable.run(
            ["evidence"] + Self.period + ["--output", "out", "--root", root.path], in: root)
        #expect(outcome.exitCode == 0, "\(outcome)")
        let page = String(
            decoding: try Data(contentsOf: root.appendingPathComponent("out/policies/restricted-keys.html")),
            as: UTF8.self)
        #expect(page.contains("From git"))
        #expect(page.contains("<td>2.1</td>"))
        #expect(page.contains("<td>2.0</td>"))
        #expect(page.contains("Security Lead &lt;security-lead@example.com&gt;"))
        #expect(page.contains("Aiko Tanaka &lt;aiko.tanaka@example.com&gt;"))
        #expect(page.contains("(no Approved-by trailer)"))
        let verified = try await AttestExecutable.run(["evidence", "verify", "out"], in: root)
        #expect(verified.exitCode == 0, "\(verified)")
    }

    @Test("--zip writes one reproducible ZIP that unzip tools read and verify checks")
    func zipPackage() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        for name in ["one", "two"] {
            let outcome = try await AttestExecutable.run(
                ["evidence"] + Self.period + ["--zip", "--output", name, "--root", root.path], in: root)
            #expect(outcome.exitCode == 0, "\(outcome)")
        }
        let one = try Data(contentsOf: root.appendingPathComponent("one.zip"))
        let two = try Data(contentsOf: root.appendingPathComponent("two.zip"))
        #expect(one == two, "two runs on the same inputs give different ZIPs")
        let verified = try await AttestExecutable.run(["evidence", "verify", "one.zip"], in: root)
        #expect(verified.exitCode == 0, "\(verified)")
        // Python's zipfile checks every entry's CRC.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "zipfile", "-t", root.appendingPathComponent("one.zip").path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 -m zipfile -t rejects the package")
        // One byte changed inside an entry: verify fails (the entry's CRC or the manifest).
        var damaged = [UInt8](one)
        damaged[200] ^= 0x01
        try Data(damaged).write(to: root.appendingPathComponent("damaged.zip"))
        let caught = try await AttestExecutable.run(["evidence", "verify", "damaged.zip"], in: root)
        #expect(caught.exitCode != 0, "\(caught)")
    }
}
