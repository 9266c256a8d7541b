import HandbookContent
import Secrets
import Testing

@testable import Audit

@Suite struct InventoryReaderTests {
    typealias F = AuditFixtures

    /// Every key check with a control, so that each key read is checked.
    static let policies = [
        F.policy(controls: [
            F.control("KEY-OWNER", "owner-assigned", line: 5),
            F.control("KEY-ROTATION", "rotation-age", ["max_age_days": .integer(90)], line: 12),
        ])
    ]

    static func findings(_ outcome: AuditOutcome, _ control: String) -> [Finding] {
        outcome.report?.controls.first { $0.id == control }?.findings ?? []
    }

    @Test func nativeCSVInAnyColumnOrderWithExtraColumns() throws {
        let csv = """
            owner,last_rotated_at,team_note,id,type,mode,access,ip_allowlist,consumer
            alice@example.com,2026-01-03,payments,pay-1,secret,live,a@x.com; b@x.com,10.0.0.0/8;192.168.1.1,third_party:acme
            ,2026-11-01T23:30:00-02:00,,pay-2,restricted,test,,,

            """
        let outcome = F.run([("keys.csv", csv)], policies: Self.policies)
        #expect(outcome.diagnostics.isEmpty)
        let report = try #require(outcome.report)
        #expect(report.keysRead == 2)
        #expect(report.inputs.first?.rows == 2)
        #expect(Self.findings(outcome, "KEY-OWNER").map(\.subject) == ["pay-2"])
        #expect(Self.findings(outcome, "KEY-OWNER").first?.source == SourceLocation(path: "keys.csv", line: 3))
        let rotation = Self.findings(outcome, "KEY-ROTATION")
        #expect(rotation.map(\.message) == ["last rotated 2026-01-03, 328 days ago; limit 90"])
        // Unknown columns are kept and shown with the findings.
        #expect(rotation.first?.extraColumns == ["team_note": "payments"])
        #expect(JSONReportWriter().render(report).contains("\"team_note\": \"payments\""))
    }

    @Test func decodesEveryFieldIntoTypedValues() {
        let columns = InventoryColumns(header: [
            "id", "consumer", "access", "ip_allowlist", "last_rotated_at", "created_at", "exposed_at", "status",
            "environment", "x",
        ])
        let (key, diagnostics) = InventoryRowDecoder.decode(
            [
                "k", "service:billing", "A@X.com;b@x.com", "10.0.0.0/8; 1.2.3.4", "", "2026-01-01T01:00:00+02:00",
                "2026-02-01", "inactive", "staging", "kept",
            ],
            columns: columns
        ) { _ in SourceLocation(path: "p") }
        #expect(diagnostics.isEmpty)
        #expect(key?.consumer == InventoryKey.Consumer(kind: .service, name: "billing"))
        #expect(key?.access == ["a@x.com", "b@x.com"])
        #expect(key?.ipAllowlist == ["10.0.0.0/8", "1.2.3.4"])
        #expect(key?.createdAt == F.date("2025-12-31"))  // 01:00 at +02:00 is the previous day in UTC
        #expect(key?.lastRotatedAt == F.date("2025-12-31"))  // missing: created_at
        #expect(key?.status == .inactive)
        #expect(key?.environment == .staging)
        #expect(key?.extra == ["x": "kept"])
    }

    @Test func ipAllowlistEntriesAreAddressesOrCIDRs() {
        for valid in ["10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::/32", "::1"] {
            #expect(IPAllowlistEntry.isValid(valid), "\(valid)")
        }
        for invalid in ["10.0.0.256", "10.0.0.0/33", "2001:db8::/129", "example.com", "10.0.0.0/", "10.0.0.0/+8"] {
            #expect(!IPAllowlistEntry.isValid(invalid), "\(invalid)")
        }
        let (key, diagnostics) = InventoryRowDecoder.decode(
            ["k", "10.0.0.0/8;nope"], columns: InventoryColumns(header: ["id", "ip_allowlist"])
        ) {
            index in SourceLocation(path: "p", line: 4, column: index.map { $0 * 2 + 1 } ?? 1)
        }
        #expect(key == nil)
        #expect(
            diagnostics.map(\.description) == [
                "p:4:3: error: bad ip_allowlist entry 'nope'; expected IPv4 or IPv6 addresses or CIDRs separated by ;"
            ])
    }

    @Test func nativeJSONAndYAML() throws {
        let json = """
            [
              {"id": "j-1", "type": "secret", "mode": "live", "owner": "alice@example.com",
               "last_rotated_at": "2026-11-01", "access": ["a@x.com", "b@x.com"]},
              {"id": "j-2", "type": "restricted", "last_rotated_at": "2026-01-03"}
            ]
            """
        let yaml = """
            - id: y-1
              type: secret
              owner: bob@example.com
              last_rotated_at: 2026-11-20
              ip_allowlist: [10.0.0.1, 10.0.0.2]
            - id: y-2
              type: webhook_secret
              last_rotated_at: 2026-01-03

            """
        let outcome = F.run([("keys.json", json), ("keys.yaml", yaml)], policies: Self.policies)
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.report?.keysRead == 4)
        let rotation = Self.findings(outcome, "KEY-ROTATION")
        #expect(rotation.map(\.subject) == ["j-2", "y-2"])
        #expect(rotation.map { $0.source?.line } == [4, 6])
        #expect(Self.findings(outcome, "KEY-OWNER").map(\.subject) == ["j-2", "y-2"])
    }

    @Test func yamlBadValuePointsAtItsLineAndColumn() {
        let yaml = "- id: y-1\n  type: secrett\n"
        let outcome = F.run([("keys.yaml", yaml)], policies: Self.policies)
        #expect(outcome.report == nil)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "keys.yaml:2:9: error: unknown type 'secrett'; expected one of: secret, restricted, publishable, webhook_secret"
            ])
    }

    static let credentialReport = """
        user,arn,user_creation_time,password_enabled,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region
        <root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,false,N/A,N/A,N/A,false,N/A,N/A,N/A
        deploy-bot,arn:aws:iam::123456789012:user/deploy-bot,2024-01-01T00:00:00+00:00,false,true,2026-01-03T10:00:00+00:00,2026-11-26T08:00:00+00:00,us-east-1,false,2025-05-01T00:00:00+00:00,N/A,N/A
        reporting,arn:aws:iam::123456789012:user/reporting,2024-01-01T00:00:00+00:00,false,true,2026-11-01T00:00:00+00:00,no_information,N/A,false,N/A,N/A,N/A

        """

    @Test func credentialReportWithSpecialValues() throws {
        let owners = OwnerMap(owners: ["deploy-bot": "Alice@Example.com"])
        let policies = [
            F.policy(controls: [
                F.control("KEY-OWNER", "owner-assigned"),
                F.control("KEY-ROTATION", "rotation-age", ["max_age_days": .integer(90)]),
                F.control("KEY-UNUSED", "unused-key", ["max_idle_days": .integer(20)]),
            ])
        ]
        let outcome = F.run(
            [("credential-report.csv", Self.credentialReport)], policies: policies,
            configuration: F.configuration(ownerMap: owners))
        #expect(outcome.diagnostics.isEmpty)
        let report = try #require(outcome.report)
        // Root has no keys (N/A); deploy-bot has two (the second inactive); reporting has one.
        #expect(report.keysRead == 3)
        #expect(report.activeKeys == 2)
        #expect(Self.findings(outcome, "KEY-OWNER").map(\.subject) == ["reporting/access_key_1"])
        #expect(Self.findings(outcome, "KEY-ROTATION").map(\.subject) == ["deploy-bot/access_key_1"])
        // no_information: idle time counts from the last rotation (26 days).
        #expect(
            Self.findings(outcome, "KEY-UNUSED").map(\.message) == [
                "never used since created 2026-11-01, 26 days ago; limit 20"
            ])
    }

    @Test func credentialReportDetectedOrNamed() {
        let header =
            Self.credentialReport.split(separator: "\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
        #expect(InventoryFormat.detect(csvHeader: header) == .credentialReport)
        #expect(InventoryFormat.detect(csvHeader: ["id", "owner"]) == .native)
        // Named as native, the credential report has no id column: a header error.
        let outcome = F.run(
            [("report.csv", Self.credentialReport)], policies: Self.policies,
            configuration: F.configuration(format: .native))
        #expect(outcome.report == nil)
        #expect(outcome.diagnostics.first?.location == SourceLocation(path: "report.csv", line: 1, column: 1))
    }

    @Test func ownerMapErrors() {
        let (map, rows, diagnostics) = OwnerMap.read(
            bytes: Array("iam_user,email\nbot,a@x.com\nbot,b@x.com\nnobody,\n".utf8), path: "owners.csv",
            redactor: .standard)
        #expect(map.owner(of: "bot") == "a@x.com")
        #expect(rows == 3)
        #expect(diagnostics.map { $0.location?.line } == [3, 4])
    }

    static let badRows = """
        id,type,mode,status,last_rotated_at
        k-1,secret,live,active,2026-11-01
        k-2,secrett,live,active,2026-11-01
        k-3,secret,prod,active,2026-11-01
        k-4,secret,live,enabled,2026-11-01
        k-5,secret,live,active,2026-13-01
        ,secret,live,active,2026-11-01
        k-1,secret,live,active,2026-11-01
        k-8,secret,live
        k-9,"secret, or not",live,active,2026-11-01

        """

    @Test func badRowsGiveExactLinesAndColumns() {
        let outcome = F.run([("keys.csv", Self.badRows)], policies: Self.policies)
        #expect(outcome.report == nil)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "keys.csv:3:5: error: unknown type 'secrett'; expected one of: secret, restricted, publishable, webhook_secret",
                "keys.csv:4:12: error: unknown mode 'prod'; expected one of: live, test",
                "keys.csv:5:17: error: unknown status 'enabled'; expected one of: active, inactive",
                "keys.csv:6:24: error: bad date '2026-13-01' in last_rotated_at; expected YYYY-MM-DD or an ISO 8601 date-time",
                "keys.csv:7:1: error: missing id: every key needs a unique id",
                "keys.csv:8:1: error: duplicate id 'k-1' (first at keys.csv:2)",
                "keys.csv:9:1: error: wrong column count: 3 fields, the header has 5",
                "keys.csv:10:5: error: unknown type 'secret, or not'; expected one of: secret, restricted, publishable, webhook_secret",
            ])
    }

    /// Quoted fields (with commas, doubled quotes, line breaks) come before the field in error:
    /// its line and column are where it is in the file, not where it would be if unquoted.
    @Test func fieldsAfterQuotedOnesAreLocatedExactly() {
        let text = #"""
            id,name,type,mode,last_rotated_at
            "k-1","say ""hi"", then go",secret,live,2026-02-30
            k-2,"two
            lines, ""quoted""",secret,nope,2026-11-01

            """#
        let outcome = F.run([("keys.csv", text)], policies: Self.policies)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "keys.csv:2:41: error: bad date '2026-02-30' in last_rotated_at; expected YYYY-MM-DD or an ISO 8601 date-time",
                "keys.csv:4:27: error: unknown mode 'nope'; expected one of: live, test",
            ])
    }

    @Test func skipBadRowsListsEachSkippedRow() throws {
        let outcome = F.run(
            [("keys.csv", Self.badRows)], policies: Self.policies, configuration: F.configuration(skipBadRows: true))
        let report = try #require(outcome.report)
        #expect(report.skippedRows.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10])
        #expect(report.keysRead == 1)
        #expect(outcome.diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func idsAreUniqueAcrossInventories() {
        let outcome = F.run(
            [("a.csv", "id\nk-1\nk-2\n"), ("b.json", "[\n{\"id\": \"k-3\"},\n{\"id\": \"k-2\"}\n]")],
            policies: Self.policies)
        #expect(outcome.diagnostics.map(\.description) == ["b.json:3:1: error: duplicate id 'k-2' (first at a.csv:3)"])
    }

    @Test func blocksAcrossCoresGiveTheSameResultAsOneRead() throws {
        var csv = "id,owner,last_rotated_at,name\n"
        for index in 1...3_000 {
            let owner = index % 7 == 0 ? "" : "owner\(index)@example.com"
            let name = index % 11 == 0 ? "\"multi\nline, quoted \"\"name\"\"\"" : "plain"
            csv += "key-\(index),\(owner),2026-0\(index % 9 + 1)-15,\(name)\n"
        }
        let small = F.run([("keys.csv", csv)], policies: Self.policies, configuration: F.configuration(blockSize: 1024))
        let whole = F.run([("keys.csv", csv)], policies: Self.policies)
        let smallReport = try #require(small.report)
        let wholeReport = try #require(whole.report)
        #expect(smallReport.keysRead == 3_000)
        for (a, b) in zip(smallReport.controls, wholeReport.controls) { #expect(a.findings == b.findings) }
        let owners = Self.findings(small, "KEY-OWNER")
        #expect(owners.count == 3_000 / 7)
        // key-7 is on line 8 (header, then key-1…key-6, no multi-line rows before it).
        #expect(owners.first?.source?.line == 8)
        // Lines count the line breaks inside quoted fields: key-14 follows key-11's two-line name.
        #expect(owners.dropFirst().first?.source?.line == 16)
    }

    @Test func unterminatedQuoteIsAnError() {
        let outcome = F.run([("keys.csv", "id,name\nk-1,\"open\n")], policies: Self.policies)
        #expect(outcome.report == nil)
        #expect(outcome.diagnostics.first?.location?.line == 2)
    }
}
