import Foundation
import Testing

/// The repository's own sample handbook (content/ and templates/), built and audited as `make demo`
/// does: it builds cleanly, its policies quote the numbers the audit enforces, and the audit of
/// content/data/keys.csv gives exactly the findings content/data/README.md promises.
@Suite("the sample handbook, end to end")
struct SampleHandbookTests {
    /// A copy of content/ and templates/ in a temporary root (the build writes site/ beside them).
    static func sampleRoot() throws -> (root: URL, remove: @Sendable () -> Void) {
        let container = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-sample-\(UUID().uuidString)")
        let root = container.appendingPathComponent("root")
        for folder in ["content", "templates"] {
            try FixtureRoot.copyTree(
                from: AttestExecutable.packageRoot.appendingPathComponent(folder),
                to: root.appendingPathComponent(folder))
        }
        return (root, { try? FileManager.default.removeItem(at: container) })
    }

    static func read(_ root: URL, _ relative: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(relative)), as: UTF8.self)
    }

    @Test("attest build publishes the sample, and the policies quote the audit's parameters")
    func buildQuotesParameters() async throws {
        let (root, remove) = try Self.sampleRoot()
        defer { remove() }
        let outcome = try await AttestExecutable.run(["build", "--root", root.path], in: root)
        #expect(outcome.exitCode == 0, "\(outcome)")
        #expect(!outcome.stderr.contains("error:"), "\(outcome)")
        let allowlists = try Self.read(root, "site/policies/access/ip-allowlists/index.html")
        #expect(allowlists.contains("/16 for IPv4"))
        #expect(allowlists.contains("/32 for IPv6"))
        let logs = try Self.read(root, "site/policies/operations/request-logs/index.html")
        #expect(logs.contains("every 31 days"))
        #expect(logs.contains("KEY-LOGS-REVIEWED"))
        for policy in ["access/ip-allowlists", "operations/request-logs", "operations/compromised-keys"] {
            #expect(!(try Self.read(root, "site/policies/\(policy)/index.html")).contains("{{ controls."))
        }
    }

    /// Control → subject → status, for the keys of content/data/keys.csv (ids `key_…`) and the
    /// policies, as content/data/README.md lists them. Controls whose findings depend on training
    /// records (access-trained, training-coverage) are left out.
    static let expected: [String: [String: String]] = [
        "KEY-STORAGE-APPROVED": ["key_cron_live_01": "fail", "key_wiki_live_01": "fail", "key_ci_live_01": "fail"],
        "KEY-OWNER-ASSIGNED": ["key_ledger_live_01": "fail"],
        "KEY-OWNER-ACTIVE": [
            "key_ledger_live_01": "fail", "key_reporting_live_01": "fail", "key_marketing_live_01": "fail",
        ],
        "KEY-ROTATION": [
            "key_payments_live_03": "fail", "key_billing_live_02": "fail", "key_billing_live_01": "warn",
            "key_payments_live_02": "warn",
        ],
        "WEBHOOK-SECRET-ROTATION": ["key_webhook_live_02": "fail", "key_webhook_live_03": "warn"],
        "RESTRICTED-FOR-THIRD-PARTIES": ["key_crm_sync_live_01": "fail", "key_notifications_live_01": "fail"],
        "KEY-IP-ALLOWLIST": ["key_admin_tools_live_01": "fail", "key_refunds_live_01": "fail"],
        "KEY-ACCESS-LEAST": ["key_support_live_01": "fail", "key_reporting_live_01": "fail"],
        "KEY-ACCESS-REVIEW": ["key_analytics_live_01": "fail", "key_analytics_live_02": "fail"],
        "KEY-LOGS-REVIEWED": ["key_shipping_live_01": "fail"],
        "KEY-UNUSED": ["key_idle_live_01": "fail", "key_idle_live_02": "fail"],
        "LIVE-KEYS-PRODUCTION-ONLY": ["key_staging_live_01": "fail", "key_ci_live_01": "fail"],
        "TEST-KEY-STORAGE": ["key_dev_test_02": "fail"],
        "KEY-EXPOSURE-ROLLED": ["key_leaked_live_02": "fail"],
        "TEST-KEY-EXPOSURE-ROLLED": ["key_leaked_test_02": "fail", "key_leaked_test_01": "warn"],
        "HANDBOOK-REVIEWED": ["ip-allowlists": "fail"],
    ]

    @Test("attest audit of the sample inventory gives the findings its README documents")
    func auditGivesTheDocumentedFindings() async throws {
        let (root, remove) = try Self.sampleRoot()
        defer { remove() }
        // The audit command of the Makefile's demo target, with a JSON report.
        let outcome = try await AttestExecutable.run(
            [
                "audit", "--root", root.path, "--as-of", "2026-11-27", "--fail-on", "never", "--format", "json",
                "--output", "report",
                "--inventory", "content/data/keys.csv", "--inventory", "content/data/aws-credential-report.csv",
                "--owner-map", "content/data/aws-owners.csv",
            ], in: root)
        #expect(outcome.exitCode == 0, "\(outcome)")
        #expect(!outcome.looksLikeCrash, "\(outcome)")
        let report = try CommandTests.auditJSON(in: root.appendingPathComponent("report"))
        let controls = try #require(report["controls"] as? [[String: Any]])
        var found: [String: [String: String]] = [:]
        for control in controls {
            guard let id = control["id"] as? String, Self.expected[id] != nil else { continue }
            var subjects: [String: String] = [:]
            for finding in control["findings"] as? [[String: Any]] ?? [] {
                guard let subject = finding["subject"] as? String, let status = finding["status"] as? String,
                    subject.hasPrefix("key_") || id == "HANDBOOK-REVIEWED"
                else { continue }
                #expect(subjects[subject] == nil, "\(id): \(subject) twice")
                subjects[subject] = status
            }
            found[id] = subjects
        }
        for id in Self.expected.keys.sorted() {
            #expect(found[id] == Self.expected[id], "\(id)")
        }
        // The draft policy's control is not in force.
        #expect(!controls.contains { $0["id"] as? String == "WEBHOOK-SECRET-KMS-ONLY" })
        // Every key from the credential report lacks a request-log review date: it fails too.
        let logs = controls.first { $0["id"] as? String == "KEY-LOGS-REVIEWED" }
        let awsSubjects = (logs?["findings"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }
            .filter { !$0.hasPrefix("key_") }
        #expect(awsSubjects.contains("deploy-bot/access_key_1"))
    }
}
