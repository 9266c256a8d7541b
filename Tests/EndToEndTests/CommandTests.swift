import Foundation
import Testing

/// `attest build`, `check`, `audit` and `training verify` run as a user runs them, on a copy of the fixture handbook.
@Suite("attest commands, end to end")
struct CommandTests {
    @Test("build publishes the handbook and quotes control parameters into the policy page")
    func buildWritesSite() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let outcome = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(outcome.exitCode == 0, "\(outcome)")
        #expect(root.exists("site/index.html"))
        #expect(root.exists("site/search-index.json"))
        #expect(root.exists("site/quizzes/key-basics/index.html"))
        #expect(root.exists("site/guides/onboarding/index.html"))
        #expect(!root.exists("site/data"), "content/data/ must not be published")
        let policy = try #require(root.read("site/policies/keys/rotation/index.html"))
        #expect(policy.contains("rolled at least every 73 days"))
        #expect(!policy.contains("{{ controls."))
        #expect(policy.contains("KEY-ROTATION"))
    }

    @Test("build is deterministic: two builds give byte-identical sites")
    func buildIsDeterministic() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let first = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(first.exitCode == 0, "\(first)")
        let site = root.path("site")
        let before = TreeSnapshot(of: site)
        let second = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(second.exitCode == 0, "\(second)")
        let after = TreeSnapshot(of: site)
        #expect(!before.entries.isEmpty)
        #expect(after.differences(from: before) == [])
    }

    @Test("check passes a clean handbook with exit 0 and writes nothing")
    func checkCleanHandbook() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let before = root.snapshot()
        let outcome = try await AttestExecutable.run(["check", "--root", root.url.path], in: root.url)
        #expect(outcome.exitCode == 0, "\(outcome)")
        #expect(root.snapshot().differences(from: before) == [])
    }

    @Test("check reports every error of a run, each with file and line, and exits 2")
    func checkReportsAllErrors() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        try root.write(
            """
            ---
            id: first-bad
            title: First
            owner: security@example.com
            version: "1.0"
            last_reviewed: 2026-02-30
            review_every_days: 365
            ---
            # First
            """, to: "content/policies/first-bad.md")
        try root.write(
            """
            ---
            id: second-bad
            title: Second
            owner: security@example.com
            version: "1.0"
            last_reviewed: 2026-01-01
            review_every_days: 365
            controls:
              - id: SECOND-CHECK
                check: no-such-check
                title: Nothing
                severity: high
            ---
            # Second
            """, to: "content/policies/second-bad.md")
        let before = root.snapshot()
        let outcome = try await AttestExecutable.run(["check", "--root", root.url.path], in: root.url)
        #expect(outcome.exitCode == 2, "\(outcome)")
        #expect(!outcome.looksLikeCrash, "\(outcome)")
        #expect(
            outcome.stderrLines.contains { $0.hasPrefix("content/policies/first-bad.md:6:") && $0.contains("error:") })
        #expect(
            outcome.stderrLines.contains {
                $0.hasPrefix("content/policies/second-bad.md:10:") && $0.contains("no-such-check")
            })
        #expect(root.snapshot().differences(from: before) == [])
    }

    @Test("a failed build leaves the previous site untouched")
    func failedBuildKeepsPreviousSite() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let good = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(good.exitCode == 0, "\(good)")
        try root.write("---\nid: broken\n", to: "content/policies/broken.md")
        let before = root.snapshot()
        let bad = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(bad.exitCode == 2, "\(bad)")
        #expect(root.snapshot().differences(from: before) == [])
    }

    @Test("a policy with old Mac (CR) line endings and a parameter quote builds without crashing (found by fuzzing)")
    func carriageReturnLineEndingsBuild() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let regression = AttestExecutable.packageRoot.appendingPathComponent(
            "Tests/Fuzz/Regressions/policy/cr-line-endings-quote.md")
        try FileManager.default.copyItem(at: regression, to: root.path("content/policies/keys/cr.md"))
        let outcome = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(!outcome.looksLikeCrash, "\(outcome)")
        #expect(outcome.exitCode == 0, "\(outcome)")
        let page = try #require(root.read("site/policies/keys/cr/index.html"))
        #expect(page.contains("kms, vault"))
    }

    @Test("usage errors exit 2; --version and --help exit 0")
    func usageExitCodes() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let unknownFlag = try await AttestExecutable.run(["build", "--no-such-flag"], in: root.url)
        #expect(unknownFlag.exitCode == 2, "\(unknownFlag)")
        let unknownCommand = try await AttestExecutable.run(["frobnicate"], in: root.url)
        #expect(unknownCommand.exitCode == 2, "\(unknownCommand)")
        let version = try await AttestExecutable.run(["--version"], in: root.url)
        #expect(version.exitCode == 0, "\(version)")
        #expect(!version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        let help = try await AttestExecutable.run(["--help"], in: root.url)
        #expect(help.exitCode == 0, "\(help)")
        for command in ["build", "check", "serve", "audit", "training"] { #expect(help.stdout.contains(command)) }
    }

    @Test("audit fails on a high control with --fail-on high (exit 1) and names the controls in JSON")
    func auditFailsOnHighControl() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let outcome = try await AttestExecutable.run(
            [
                "audit", "--root", root.url.path, "--inventory", "content/data/inventory.csv", "--as-of", "2026-11-27",
                "--format", "json", "--output", "report", "--fail-on", "high",
            ], in: root.url)
        #expect(outcome.exitCode == 1, "\(outcome)")
        let report = try Self.auditJSON(in: root.path("report"))
        let controls = try #require(report["controls"] as? [[String: Any]])
        let byID = Dictionary(
            controls.compactMap { c in (c["id"] as? String).map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        #expect(Set(byID.keys) == ["KEY-ROTATION", "KEY-OWNER", "KEY-STORAGE"])
        #expect(byID["KEY-ROTATION"]?["status"] as? String == "fail")
        #expect(byID["KEY-ROTATION"]?["severity"] as? String == "high")
        #expect(byID["KEY-OWNER"]?["status"] as? String == "pass")
        #expect(byID["KEY-STORAGE"]?["status"] as? String == "pass")
        let findings = byID["KEY-ROTATION"]?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["subject"] as? String == "key_stale" && $0["status"] as? String == "fail" })
        #expect(!findings.contains { $0["subject"] as? String == "key_fresh" && $0["status"] as? String == "fail" })
        #expect(report["as_of"] as? String == "2026-11-27")
    }

    @Test("audit exits 0 when nothing fails at or above --fail-on")
    func auditPassesBelowThreshold() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let never = try await AttestExecutable.run(
            [
                "audit", "--root", root.url.path, "--inventory", "content/data/inventory.csv", "--as-of", "2026-11-27",
                "--format", "json", "--output", "report", "--fail-on", "never",
            ], in: root.url)
        #expect(never.exitCode == 0, "\(never)")
        // With the stale key rotated, the high control passes too.
        try root.write(
            """
            id,name,type,mode,status,owner,created_at,last_rotated_at,last_used_at,storage,environment,consumer
            key_fresh,Checkout,secret,live,active,alice@example.com,2026-01-01,2026-11-01,2026-11-26,kms,production,internal
            """, to: "content/data/inventory.csv")
        let clean = try await AttestExecutable.run(
            [
                "audit", "--root", root.url.path, "--inventory", "content/data/inventory.csv", "--as-of", "2026-11-27",
                "--format", "json", "--output", "report2", "--fail-on", "low",
            ], in: root.url)
        #expect(clean.exitCode == 0, "\(clean)")
    }

    @Test("audit with --as-of is reproducible: the same JSON but for generated_at")
    func auditIsReproducible() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        var reports: [[String: Any]] = []
        for output in ["one", "two"] {
            let outcome = try await AttestExecutable.run(
                [
                    "audit", "--root", root.url.path, "--inventory", "content/data/inventory.csv", "--as-of",
                    "2026-11-27", "--format", "json", "--output", output, "--fail-on", "never",
                ], in: root.url)
            #expect(outcome.exitCode == 0, "\(outcome)")
            var report = try Self.auditJSON(in: root.path(output))
            report["generated_at"] = nil
            reports.append(report)
        }
        let first = try JSONSerialization.data(withJSONObject: reports[0], options: [.sortedKeys])
        let second = try JSONSerialization.data(withJSONObject: reports[1], options: [.sortedKeys])
        #expect(first == second)
    }

    @Test("training verify: a missing database is bad input (exit 2); a fresh one made by the server verifies (exit 0)")
    func trainingVerifyFreshDatabase() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let missing = try await AttestExecutable.run(
            ["training", "verify", "--root", root.url.path, "--records", ".attest/records.sqlite"], in: root.url)
        #expect(missing.exitCode == 2, "\(missing)")
        #expect(missing.stderr.contains(".attest/records.sqlite"), "\(missing)")
        #expect(!missing.looksLikeCrash, "\(missing)")
        #expect(!root.exists(".attest/records.sqlite"), "verify must not create the database")

        let build = try await AttestExecutable.run(["build", "--root", root.url.path], in: root.url)
        #expect(build.exitCode == 0, "\(build)")
        let server = try await AttestServerProcess(root: root, extraArguments: ["--dev-identity", "alice@example.com"])
        server.stop()
        let fresh = try await AttestExecutable.run(
            ["training", "verify", "--root", root.url.path, "--records", ".attest/records.sqlite"], in: root.url)
        #expect(fresh.exitCode == 0, "\(fresh)")
    }

    @Test("training status --format html: a static page with a chart per team, escaped and redacted; acceptances count")
    func trainingStatusHTML() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        // A policy that asks for acceptance, and a roster whose team name holds markup and whose name a secret.
        let storage = try #require(root.read("content/policies/keys/storage.md"))
        try root.write(
            storage.replacingOccurrences(
                of: "review_every_days: 365\n", with: "review_every_days: 365\nacknowledge: true\n"),
            to: "content/policies/keys/storage.md")
        let secret = "sk_live_" + String(repeating: "4eC39HqLyjWDarjtT1zdp7dc", count: 1)
        try root.write(
            """
            email,name,team,groups,active,start_date,manager
            alice@example.com,Alice \(secret),<script>alert(1)</script>,engineering,true,2024-02-01,
            bob@example.com,Bob Baker,payments,engineering,true,2025-06-01,

            """, to: "content/data/people.csv")
        let status = try await AttestExecutable.run(
            ["training", "status", "--root", root.url.path, "--format", "html", "--as-of", "2026-11-27"], in: root.url)
        #expect(status.exitCode == 0, "\(status)")
        let page = status.stdout
        #expect(page.hasPrefix("<!doctype html>"))
        #expect(page.contains("<svg class=\"completion-chart\""))
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains(secret), "the roster's secret is redacted")
        #expect(page.contains("sk_live_…"))
        #expect(page.contains("Accept key-storage version 1.0"))
        let csv = try await AttestExecutable.run(
            ["training", "status", "--root", root.url.path, "--format", "csv", "--as-of", "2026-11-27"], in: root.url)
        #expect(csv.stdout.contains(",acceptance,key-storage,1.0\n"), "\(csv)")
        #expect(!csv.stdout.contains(secret))
    }

    /// The one JSON report in `directory`.
    static func auditJSON(in directory: URL) throws -> [String: Any] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        let file = try #require(files.count == 1 ? files.first : nil, "expected one JSON report, found \(files)")
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
