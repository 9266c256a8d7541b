import Foundation
import Testing

/// `attest scan` and `attest audit --exposures`, run as a user runs them: on a generated git
/// repository with fake, well-shaped keys planted in its history.
@Suite("attest scan, end to end")
struct ScanCommandTests {
    /// A fake key: `prefix` and a body drawn from a fixed sequence (never a real key).
    static func fakeKey(_ prefix: String, seed: UInt64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var state = seed &* 2_862_933_555_777_941_757 &+ 3_037_000_493
        var body = ""
        for _ in 0..<28 {
            state = state &* 2_862_933_555_777_941_757 &+ 3_037_000_493
            body.append(alphabet[Int((state >> 35) % UInt64(alphabet.count))])
        }
        return prefix + body
    }

    static let leaked = fakeKey("sk_live_", seed: 101)  // committed, then deleted; tracked, never rolled
    static let rolled = fakeKey("rk_live_", seed: 102)  // still at HEAD; tracked, rolled after the commit
    static let untracked = fakeKey("sk_live_", seed: 103)  // in no inventory
    static let allowed = fakeKey("sk_live_", seed: 104)  // on an attest:allow line

    static func sha256(_ text: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    /// Runs git in `folder` with a fixed identity and date.
    static func git(_ arguments: [String], in folder: URL, date: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for name in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(name)_NAME"] = "Dev"
            environment["GIT_\(name)_EMAIL"] = "dev@example.com"
            environment["GIT_\(name)_DATE"] = date
        }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    /// A repository under `root/repo`: the leaked key committed on 2026-10-01 and deleted on
    /// 2026-10-02, the rolled and untracked keys committed on 2026-10-03 and still at HEAD.
    static func makeRepository(in root: FixtureRoot) throws -> URL {
        let repo = root.container.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", "main"], in: repo, date: "2026-10-01T10:00:00Z")
        try Data("STRIPE_SECRET_KEY=\(leaked)\n".utf8).write(to: repo.appendingPathComponent("secrets.env"))
        try Data("placeholder: sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n".utf8).write(
            to: repo.appendingPathComponent("README.md"))
        try git(["add", "-A"], in: repo, date: "2026-10-01T10:00:00Z")
        try git(["commit", "-q", "-m", "one"], in: repo, date: "2026-10-01T10:00:00Z")
        try FileManager.default.removeItem(at: repo.appendingPathComponent("secrets.env"))
        try git(["add", "-A"], in: repo, date: "2026-10-02T10:00:00Z")
        try git(["commit", "-q", "-m", "two"], in: repo, date: "2026-10-02T10:00:00Z")
        try Data(
            "const a = \"\(rolled)\";\nconst b = \"\(untracked)\";\nconst c = \"\(allowed)\"; // attest:allow\n".utf8
        ).write(to: repo.appendingPathComponent("app.js"))
        try git(["add", "-A"], in: repo, date: "2026-10-03T10:00:00Z")
        try git(["commit", "-q", "-m", "three"], in: repo, date: "2026-10-03T10:00:00Z")
        return repo
    }

    static func expectNoSecret(in texts: [String], _ context: String) {
        for text in texts {
            for key in [leaked, rolled, untracked, allowed] {
                #expect(!text.contains(key), "\(context) holds \(key.prefix(8))…")
            }
        }
    }

    static func reportTexts(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.map { (try? String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) ?? "" }
    }

    @Test("scan --history finds the real keys, writes every format, exits 1, and prints no secret")
    func historyScan() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let repo = try Self.makeRepository(in: root)
        let outcome = try await AttestExecutable.run(
            ["scan", repo.path, "--history", "--format", "json,sarif,csv,md", "--output", root.path("scan").path],
            in: root.url)
        #expect(outcome.exitCode == 1, "\(outcome)")
        Self.expectNoSecret(in: [outcome.stdout, outcome.stderr] + Self.reportTexts(in: root.path("scan")), "output")
        for name in ["report.json", "report.sarif", "findings.csv", "report.md"] {
            #expect(root.exists("scan/\(name)"), "\(name)")
        }
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: root.path("scan/report.json"))) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 3, "\(findings)")
        let shas = Set(findings.compactMap { $0["secret_sha256"] as? String })
        #expect(shas == [try Self.sha256(Self.leaked), try Self.sha256(Self.rolled), try Self.sha256(Self.untracked)])
        let deleted = try #require(findings.first { $0["path"] as? String == "secrets.env" })
        #expect(deleted["still_at_head"] as? Bool == false)
        #expect(deleted["author_time"] as? String == "2026-10-01T10:00:00Z")
        #expect(deleted["redacted"] as? String == "sk_live_…" + Self.leaked.suffix(4))
        #expect(outcome.stdout.contains("3 findings (3 high)"), "\(outcome.stdout)")

        // The same scan with that report as the baseline: nothing new, exit 0.
        let again = try await AttestExecutable.run(
            [
                "scan", repo.path, "--history", "--baseline", root.path("scan/report.json").path, "--output",
                root.path("scan2").path,
            ], in: root.url)
        #expect(again.exitCode == 0, "\(again)")
        #expect(again.stdout.contains("0 findings"), "\(again.stdout)")
        #expect(again.stdout.contains("3 already in the baseline"), "\(again.stdout)")

        // --fail-on never: exit 0 with the findings.
        let never = try await AttestExecutable.run(
            ["scan", repo.path, "--history", "--fail-on", "never", "--output", root.path("scan3").path], in: root.url)
        #expect(never.exitCode == 0, "\(never)")
    }

    @Test("scan fingerprint prints the SHA-256 of the secret on standard input, never the secret")
    func fingerprint() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let input = root.container.appendingPathComponent("secret.txt")
        try Data("\(Self.leaked)\n".utf8).write(to: input)
        let outcome = try await AttestExecutable.run(
            ["scan", "fingerprint"], in: root.url, standardInput: input)
        #expect(outcome.exitCode == 0, "\(outcome)")
        #expect(outcome.stdout == (try Self.sha256(Self.leaked)) + "\n")
        let empty = root.container.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let none = try await AttestExecutable.run(["scan", "fingerprint"], in: root.url, standardInput: empty)
        #expect(none.exitCode == 2)
        #expect(none.stderr.contains("error: no secret on standard input"))
    }

    @Test("bad input: a diagnostic, exit 2, and no report written")
    func badInput() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let notRepo = root.container.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: notRepo, withIntermediateDirectories: true)
        try Data("PK\u{3}\u{4} broken".utf8).write(to: notRepo.appendingPathComponent("bundle.ipa"))
        try Data("{\"format_version\": 1,\n \"findings\": [oops]}".utf8).write(
            to: notRepo.appendingPathComponent("baseline.json"))
        let cases: [(arguments: [String], message: String)] = [
            (["scan", "no-such-folder"], "error: no-such-folder: no such file or folder"),
            (["scan", notRepo.path, "--history"], "is not a git repository"),
            (
                ["scan", notRepo.appendingPathComponent("bundle.ipa").path],
                "bundle.ipa:1:1: error: a corrupt archive: not a readable zip archive"
            ),
            (["scan", "/proc/self/mem"], "/proc/self/mem:1:1: error: cannot read this file"),
            (["scan", notRepo.path, "--baseline", notRepo.appendingPathComponent("baseline.json").path], ":2:"),
            (["scan", "--format", "pdf"], "unknown format 'pdf'"),
            (["scan", "--fail-on", "info"], "--fail-on must be high, medium, low or never"),
        ]
        for entry in cases {
            let outcome = try await AttestExecutable.run(
                entry.arguments + ["--output", root.path("out").path], in: root.url)
            #expect(outcome.exitCode == 2, "\(entry.arguments): \(outcome)")
            #expect(outcome.stderr.contains(entry.message), "\(entry.arguments): \(outcome.stderr)")
            #expect(!outcome.looksLikeCrash)
            #expect(!root.exists("out"), "\(entry.arguments) wrote reports")
        }
        // A corrupt archive inside a folder is a warning; the rest is scanned.
        try Data("k = \(Self.untracked)\n".utf8).write(to: notRepo.appendingPathComponent("config.txt"))
        try FileManager.default.removeItem(at: notRepo.appendingPathComponent("baseline.json"))
        let tree = try await AttestExecutable.run(
            ["scan", notRepo.path, "--output", root.path("out").path], in: root.url)
        #expect(tree.exitCode == 1, "\(tree)")
        #expect(tree.stderr.contains("bundle.ipa") && tree.stderr.contains("warning:"), "\(tree.stderr)")
        #expect(tree.stdout.contains("config.txt"), "\(tree.stdout)")

        // A malformed rules file.
        try root.write("rules:\n  - id: acme\n    severity: urgent\n", to: "content/scan-rules.yml")
        let rules = try await AttestExecutable.run(
            ["scan", notRepo.path, "--root", root.url.path, "--output", root.path("out2").path], in: root.url)
        #expect(rules.exitCode == 2, "\(rules)")
        #expect(
            rules.stderr.contains("content/scan-rules.yml:3:15: error: 'severity' must be one of"), "\(rules.stderr)")
        #expect(!root.exists("out2"))
    }

    @Test(
        "audit --exposures: a key seen by the scan and not rolled since fails exposure-rolled; an untracked one fails inventory-complete"
    )
    func auditLearnsFromTheScan() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let repo = try Self.makeRepository(in: root)
        let scan = try await AttestExecutable.run(
            ["scan", repo.path, "--history", "--fail-on", "never", "--output", root.path("scan").path], in: root.url)
        #expect(scan.exitCode == 0, "\(scan)")
        try root.write(
            """
            ---
            id: leaks
            title: Leaked keys
            owner: security@example.com
            version: "1.0"
            last_reviewed: 2026-09-15
            review_every_days: 365
            controls:
              - id: EXPOSED-ROLLED
                check: exposure-rolled
                title: Exposed keys are rolled at once
                severity: high
              - id: INVENTORY-COMPLETE
                check: inventory-complete
                title: Every live key found is tracked
                severity: high
            ---
            An exposed key is rolled within {{ controls.EXPOSED-ROLLED.max_days }} days; the scan's
            rules {{ controls.INVENTORY-COMPLETE.rules }} must all be tracked.
            """, to: "content/policies/keys/leaks.md")
        try root.write(
            """
            id,name,type,mode,status,owner,created_at,last_rotated_at,last_used_at,storage,environment,consumer,secret_sha256
            key_leaked,Checkout,secret,live,active,alice@example.com,2026-01-01,2026-09-01,2026-11-26,kms,production,internal,\(try Self.sha256(Self.leaked))
            key_rolled,Billing,restricted,live,active,bob@example.com,2026-01-01,2026-10-05,2026-11-20,vault,production,internal,\(try Self.sha256(Self.rolled).uppercased())

            """, to: "content/data/scanned.csv")
        let outcome = try await AttestExecutable.run(
            [
                "audit", "--root", root.url.path, "--inventory", "content/data/scanned.csv", "--as-of", "2026-11-27",
                "--format", "json,md", "--output", "report", "--exposures", root.path("scan/report.json").path,
            ], in: root.url)
        #expect(outcome.exitCode == 1, "\(outcome)")
        Self.expectNoSecret(in: [outcome.stdout, outcome.stderr] + Self.reportTexts(in: root.path("report")), "audit")
        let data = try Data(contentsOf: root.path("report/report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let controls = try #require(report["controls"] as? [[String: Any]])
        func findings(_ id: String) -> [[String: Any]] {
            controls.first { $0["id"] as? String == id }?["findings"] as? [[String: Any]] ?? []
        }
        let exposed = findings("EXPOSED-ROLLED")
        #expect(exposed.map { $0["subject"] as? String } == ["key_leaked"], "\(exposed)")
        let message = exposed.first?["message"] as? String ?? ""
        #expect(message.contains("exposed 2026-10-01"), "\(message)")
        #expect(message.contains("secrets.env:1:19 in commit"), "\(message)")
        let untracked = findings("INVENTORY-COMPLETE")
        #expect(untracked.count == 1, "\(untracked)")
        #expect(untracked.first?["subject"] as? String == "sk_live_…" + Self.untracked.suffix(4))
        #expect((untracked.first?["message"] as? String)?.contains("a live key nobody tracks was found in") == true)
        let inputs = report["inputs"] as? [[String: Any]] ?? []
        #expect(inputs.contains { $0["kind"] as? String == "exposures" })

        // Without --exposures, inventory-complete names the missing input.
        let without = try await AttestExecutable.run(
            [
                "audit", "--root", root.url.path, "--inventory", "content/data/scanned.csv", "--as-of", "2026-11-27",
                "--format", "json", "--output", "report2", "--fail-on", "never",
            ], in: root.url)
        #expect(without.exitCode == 0, "\(without)")
        #expect(without.stdout.contains("no leak scan report (--exposures) was given"), "\(without.stdout)")
    }
}
