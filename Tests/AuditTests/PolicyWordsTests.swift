import HandbookContent
import Testing

@testable import Audit

/// The checks say what the policies say, read from real inventories (CSV, JSON, YAML): allow-all
/// allowlists fail, a person listed twice is counted once, and request-log reviews are audited.
@Suite struct PolicyWordsTests {
    typealias F = AuditFixtures

    static let policies = [
        F.policy(controls: [
            F.control(
                "KEY-ALLOWLIST", "ip-allowlist", ControlCatalogue.resolvedParams(check: "ip-allowlist", params: [:])),
            F.control("KEY-LEAST", "access-least", ["max_people": .integer(2)]),
            F.control("KEY-LOGS", "logs-reviewed", ["max_days": .integer(31)]),
        ])
    ]

    static func findings(_ outcome: AuditOutcome, _ control: String) -> [Finding] {
        outcome.report?.controls.first { $0.id == control }?.findings ?? []
    }

    @Test func csvInventory() throws {
        let csv = """
            id,type,mode,ip_allowlist,access,logs_reviewed_at
            narrow,secret,live,203.0.113.10;198.51.100.0/28,alice@example.com;bob@example.com,2026-10-27
            allow-all,secret,live,203.0.113.10;0.0.0.0/0,alice@example.com,2026-11-20
            v6-all,secret,live,::/0,alice@example.com,2026-11-20
            wide,secret,live,10.0.0.0/8,alice@example.com,2026-11-20
            twice,secret,live,10.1.0.0/16,Alice@Example.com;alice@example.com;BOB@example.com;bob@example.com,2026-11-20
            three,secret,live,10.1.0.0/16,alice@example.com;carol@example.com;bob@example.com;alice@example.com,2026-11-20
            never,secret,live,10.1.0.0/16,alice@example.com,
            stale,secret,live,10.1.0.0/16,alice@example.com,2026-10-26
            evening,secret,live,10.1.0.0/16,alice@example.com,2026-10-26T23:00:00-02:00

            """
        let outcome = F.run([("keys.csv", csv)], policies: Self.policies)
        #expect(outcome.diagnostics.isEmpty)
        let allowlist = Self.findings(outcome, "KEY-ALLOWLIST")
        #expect(allowlist.map(\.subject) == ["allow-all", "v6-all", "wide"])
        #expect(
            allowlist.map(\.detail) == [
                .ipAllowlistTooWide(entries: ["0.0.0.0/0"], minPrefixIPv4: 16, minPrefixIPv6: 32),
                .ipAllowlistTooWide(entries: ["::/0"], minPrefixIPv4: 16, minPrefixIPv6: 32),
                .ipAllowlistTooWide(entries: ["10.0.0.0/8"], minPrefixIPv4: 16, minPrefixIPv6: 32),
            ])
        let least = Self.findings(outcome, "KEY-LEAST")
        #expect(least.map(\.subject) == ["three"])
        #expect(least.first?.message == "3 people have access; limit 2")
        // `evening` was reviewed at 23:00 at -02:00, which is 2026-10-27 in UTC: exactly 31 days, a pass.
        let logs = Self.findings(outcome, "KEY-LOGS")
        #expect(logs.map(\.subject) == ["never", "stale"])
        #expect(
            logs.map(\.message) == [
                "request logs never reviewed; limit 31 days",
                "request logs last reviewed 2026-10-26, 32 days ago; limit 31",
            ])
    }

    @Test func jsonAndYAMLInventories() {
        let json = """
            [
              {"id": "j-1", "type": "secret", "mode": "live", "ip_allowlist": ["203.0.113.10", "0.0.0.0/0"],
               "access": ["Alice@example.com", "alice@example.com", "bob@example.com"], "logs_reviewed_at": "2026-11-20"},
              {"id": "j-2", "type": "secret", "mode": "live", "ip_allowlist": "10.1.0.0/16", "logs_reviewed_at": null}
            ]
            """
        let yaml = """
            - id: y-1
              ip_allowlist: ["2001:db8::/48"]
              access: [carol@example.com, alice@example.com, bob@example.com, Carol@example.com]
              logs_reviewed_at: 2026-10-01
            - id: y-2
              ip_allowlist: "::ffff:0.0.0.0/96"
              logs_reviewed_at: 2026-11-27

            """
        let outcome = F.run([("keys.json", json), ("keys.yaml", yaml)], policies: Self.policies)
        #expect(outcome.diagnostics.isEmpty)
        #expect(Self.findings(outcome, "KEY-ALLOWLIST").map(\.subject) == ["j-1", "y-2"])
        #expect(Self.findings(outcome, "KEY-LEAST").map(\.subject) == ["y-1"])
        #expect(Self.findings(outcome, "KEY-LOGS").map(\.subject) == ["j-2", "y-1"])
        #expect(Self.findings(outcome, "KEY-LOGS").map { $0.source?.line } == [4, 1])
    }

    @Test func badLogsReviewedDateIsAnErrorAtItsColumn() {
        let csv = "id,logs_reviewed_at\nk-1,2026-02-30\n"
        let outcome = F.run([("keys.csv", csv)], policies: Self.policies)
        #expect(outcome.report == nil)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "keys.csv:2:5: error: bad date '2026-02-30' in logs_reviewed_at; expected YYYY-MM-DD or an ISO 8601 date-time"
            ])
    }
}
