import Foundation
import HandbookContent
import Secrets
import Testing

@testable import Audit

/// No secret leaves the inventory readers: each context of the corpus × each secret shape (a
/// handbook's own rule included) × each inventory field, read as CSV, JSON and YAML, with and
/// without `--skip-bad-rows`; the credential report and the owner map; column names; parser
/// errors. No diagnostic, skipped row, console summary, history line or report format may hold
/// the secret or its body without the last four characters. (The binary's stdout, stderr and files:
/// EndToEndTests/RedactionEndToEndTests.)
@Suite struct RedactionCorpusTests {
    typealias F = AuditFixtures
    typealias C = RedactionCorpus

    /// The native columns and an extra one, each with a value that passes every check.
    static let columns: [(name: String, value: String)] = {
        let values = [
            "name": "checkout", "type": "restricted", "mode": "live", "status": "active", "owner": "alice@example.com",
            "created_at": "2026-11-01", "last_rotated_at": "2026-11-01", "last_used_at": "2026-11-20",
            "expires_at": "2027-11-01", "ip_allowlist": "10.0.0.1", "storage": "kms", "environment": "production",
            "consumer": "internal", "permissions": "charges:read", "access": "alice@example.com",
            "access_reviewed_at": "2026-11-01", "exposed_at": "", "secret_sha256": "",
        ]
        // A column added later gets a date when it names one, else a word.
        let native = InventoryField.allCases.map { field in
            (field.rawValue, values[field.rawValue] ?? (field.rawValue.hasSuffix("_at") ? "2026-11-01" : "ok"))
        }
        return native + [("notes", "ok")]
    }()

    /// A control for every key check of the catalogue (so a field added with its check is covered),
    /// with lenient values for required parameters.
    static let policies: [Policy] = {
        let checks = ControlCatalogue.checks.values.filter { $0.subject == .key }.sorted { $0.name < $1.name }
        let controls = checks.map { check in
            var params: [String: ParameterValue] = [:]
            for parameter in check.parameters where parameter.required && parameter.defaultValue == nil {
                switch parameter.kind {
                case .integer(let range): params[parameter.name] = .integer(range.upperBound)
                case .list(let allowed): params[parameter.name] = .list(allowed ?? ["kms"])
                }
            }
            // Checks that need one of two parameters (quizzes or policies) get the first.
            if let either = ControlCatalogue.oneOf[check.name], !either.contains(where: { params[$0] != nil }) {
                params[either[0]] = .list(["kms"])
            }
            return F.control(check.name.uppercased(), check.name, params)
        }
        return [F.policy(controls: controls)]
    }()

    /// One row for each (field, value): the field holds the value, the others pass every check; the
    /// id is `key-N` where it is not the field under test.
    static func inventoryRows(_ values: [String]) -> [[String]] {
        var result: [[String]] = []
        var number = 0
        for (column, _) in columns.enumerated() {
            for value in values {
                number += 1
                var row = columns.map(\.value)
                row[0] = "key-\(number)"
                row[column] = value
                result.append(row)
            }
        }
        return result
    }

    static func csv(_ rows: [[String]], header: [String] = columns.map(\.name)) -> String {
        ([header] + rows).map { $0.map(C.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func json(_ rows: [[String]]) -> String {
        "[\n"
            + rows.map { row in
                "  {"
                    + zip(columns, row).map { "\(C.jsonString($0.name)): \(C.jsonString($1))" }.joined(separator: ", ")
                    + "}"
            }.joined(separator: ",\n") + "\n]\n"
    }

    static func yaml(_ rows: [[String]]) -> String {
        rows.map { row in
            zip(columns, row).enumerated().map { index, pair in
                (index == 0 ? "- " : "  ") + "\(pair.0.name): \(C.jsonString(pair.1))"
            }.joined(separator: "\n")
        }.joined(separator: "\n") + "\n"
    }

    static func configuration(
        skipBadRows: Bool, redactor: SecretRedactor, format: InventoryFormat? = nil, ownerMap: OwnerMap? = nil
    )
        -> AuditRunner.Configuration
    {
        var configuration = F.configuration(skipBadRows: skipBadRows, format: format, ownerMap: ownerMap, history: [])
        configuration.redactor = redactor
        return configuration
    }

    static func run(
        _ inventories: [(String, String)], skipBadRows: Bool, redactor: SecretRedactor, format: InventoryFormat? = nil,
        ownerMap: OwnerMap? = nil
    ) -> AuditOutcome {
        F.run(
            inventories, policies: policies, training: F.training(passes: [("alice@example.com", "kms")]),
            configuration: configuration(
                skipBadRows: skipBadRows, redactor: redactor, format: format, ownerMap: ownerMap))
    }

    /// Everything a run can show: diagnostics, and the report in every format, its console summary,
    /// its skipped rows and its history line. Records an issue for each output holding `shape`.
    @discardableResult
    static func expectNoLeak(_ outcome: AuditOutcome, _ shape: C.Shape, _ what: String) -> String {
        var shown = ""
        for diagnostic in outcome.diagnostics {
            C.expectNoLeak(diagnostic.description, shape, "\(what): diagnostic")
            shown += diagnostic.description + "\n"
        }
        guard let report = outcome.report else { return shown }
        for format in ReportFormat.allCases {
            let text = format.writer.render(report)
            C.expectNoLeak(text, shape, "\(what): \(format.rawValue) report")
            shown += text
        }
        let console = report.consoleSummary(written: ["site/audit/report.json"])
        C.expectNoLeak(console, shape, "\(what): console summary")
        for row in report.skippedRows { C.expectNoLeak(row.reason, shape, "\(what): skipped row") }
        for entry in report.history { C.expectNoLeak(AuditHistory.line(for: entry), shape, "\(what): history") }
        return shown + console
    }

    /// Whether `output` holds `text` (a byte search: fast on megabytes).
    static func shows(_ output: String, _ text: String) -> Bool {
        Array(output.utf8).firstRange(of: Array(text.utf8)) != nil
    }

    @Test func theCorpusIsLargeEnough() {
        #expect(C.contexts.count >= 30)
        #expect(Set(C.contexts).count == C.contexts.count)
        #expect(C.contexts.allSatisfy { $0.contains("{S}") })
        // Every shape is a secret to its redactor, alone and in every context.
        for (shape, redactor) in C.shapes {
            #expect(redactor.redact(shape.secret).text == shape.redacted, "\(shape)")
            for value in C.values(shape) { C.expectNoLeak(redactor.redact(value).text, shape, "'\(value)' redacted") }
        }
    }

    @Test func withoutSecretsTheBaseRowsPassEveryCheck() throws {
        var row = Self.columns.map(\.value)
        row[0] = "key-0"
        let outcome = Self.run([("keys.csv", Self.csv([row]))], skipBadRows: false, redactor: .standard)
        let report = try #require(outcome.report, "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.isEmpty)
        let failing = report.controls.filter { !$0.findings.isEmpty }.map(\.id)
        #expect(failing == [], "the base row should pass every key check")
    }

    @Test(arguments: C.shapes.indices)
    func everyFieldOfEveryNativeSyntax(_ shapeIndex: Int) throws {
        let (shape, redactor) = C.shapes[shapeIndex]
        let rows = Self.inventoryRows(C.values(shape))
        #expect(rows.count == Self.columns.count * C.contexts.count)
        for (file, text) in [
            ("keys.csv", Self.csv(rows)), ("keys.json", Self.json(rows)), ("keys.yml", Self.yaml(rows)),
        ] {
            let skipped = Self.run([(file, text)], skipBadRows: true, redactor: redactor)
            let report = try #require(skipped.report, "\(file): \(skipped.diagnostics.prefix(3))")
            let shown = Self.expectNoLeak(skipped, shape, "\(shape) in \(file) with --skip-bad-rows")
            // The values did reach the outputs, redacted.
            #expect(Self.shows(shown, shape.redacted), "\(file): no output shows \(shape.redacted)")
            #expect(!report.skippedRows.isEmpty)
            #expect(report.keysRead > 0)
            #expect(skipped.diagnostics.contains { $0.message.contains("holds what looks like a secret value") })

            let failed = Self.run([(file, text)], skipBadRows: false, redactor: redactor)
            #expect(failed.report == nil)
            #expect(failed.diagnostics.contains { $0.severity == .error })
            Self.expectNoLeak(failed, shape, "\(shape) in \(file) without --skip-bad-rows")
        }
    }

    @Test(arguments: C.shapes.indices)
    func columnNames(_ shapeIndex: Int) throws {
        let (shape, redactor) = C.shapes[shapeIndex]
        let names = C.values(shape)
        // A failing key, so its extra columns are shown with the finding.
        var row = Self.columns.map(\.value)
        row[0] = "key-1"
        row[Self.columns.firstIndex { $0.name == "storage" }!] = "plaintext"
        let header = Self.columns.map(\.name) + names
        let csv = ([header, row + names.map { _ in "x" }]).map { $0.map(C.csvField).joined(separator: ",") }
            .joined(separator: "\n")
        let object = zip(header, row + names.map { _ in "x" }).map { "\(C.jsonString($0)): \(C.jsonString($1))" }
        let json = "[{" + object.joined(separator: ", ") + "}]"
        let yaml =
            "- "
            + zip(header, row + names.map { _ in "x" }).map { "\(C.jsonString($0)): \(C.jsonString($1))" }
            .joined(separator: "\n  ") + "\n"
        for (file, text) in [("keys.csv", csv), ("keys.json", json), ("keys.yml", yaml)] {
            let outcome = Self.run([(file, text)], skipBadRows: false, redactor: redactor)
            let report = try #require(outcome.report, "\(file): \(outcome.diagnostics.prefix(3))")
            let shown = Self.expectNoLeak(outcome, shape, "\(shape) in the column names of \(file)")
            #expect(Self.shows(shown, shape.redacted), "\(file)")
            #expect(report.keysRead == 1)
        }
    }

    /// The AWS IAM credential report, every column, with owners from an owner map that holds the
    /// secret too.
    @Test(arguments: C.shapes.indices)
    func credentialReportAndOwnerMap(_ shapeIndex: Int) throws {
        let (shape, redactor) = C.shapes[shapeIndex]
        let values = C.values(shape)
        let base = [
            ("user", ""), ("arn", ""), ("user_creation_time", "2020-01-01T00:00:00+00:00"),
            ("password_enabled", "false"),
            ("password_last_used", "N/A"), ("mfa_active", "false"), ("access_key_1_active", "true"),
            ("access_key_1_last_rotated", "2020-01-01T00:00:00+00:00"),
            ("access_key_1_last_used_date", "2020-06-01T00:00:00+00:00"),
            ("access_key_1_last_used_region", "us-east-1"),
            ("access_key_2_active", "false"), ("access_key_2_last_rotated", "N/A"),
            ("access_key_2_last_used_date", "N/A"),
        ]
        var rows: [[String]] = []
        var owners = ["iam_user,email"]
        var number = 0
        for column in base.indices {
            for value in values {
                number += 1
                var row = base.map(\.1)
                row[0] = "user-\(number)"
                row[1] = "arn:aws:iam::123456789012:user/user-\(number)"
                row[column] = value
                rows.append(row)
                owners.append("user-\(number),\(C.csvField(value + "@example.com"))")
            }
        }
        let report = ([base.map(\.0)] + rows).map { $0.map(C.csvField).joined(separator: ",") }.joined(separator: "\n")
        let (map, _, mapDiagnostics) = OwnerMap.read(
            bytes: Array(owners.joined(separator: "\n").utf8), path: "owners.csv", redactor: redactor)
        #expect(!mapDiagnostics.contains { $0.severity == .error }, "\(mapDiagnostics.prefix(3))")
        for diagnostic in mapDiagnostics { C.expectNoLeak(diagnostic.description, shape, "owner map diagnostic") }
        for owner in map.owners.values { C.expectNoLeak(owner, shape, "owner map") }
        for skip in [true, false] {
            let outcome = Self.run(
                [("credential-report.csv", report)], skipBadRows: skip, redactor: redactor, format: .credentialReport,
                ownerMap: map)
            let shown = Self.expectNoLeak(outcome, shape, "\(shape) in the credential report, skip \(skip)")
            #expect(Self.shows(shown, shape.redacted))
            #expect((outcome.report != nil) == skip)
        }

        // An owner map whose user names hold the secret, each twice (an error quoting the name).
        let users = ["iam_user,email"] + (values + values).map { "\(C.csvField($0)),owner@example.com" }
        let (_, _, userDiagnostics) = OwnerMap.read(
            bytes: Array(users.joined(separator: "\n").utf8), path: "owners.csv", redactor: redactor)
        #expect(userDiagnostics.contains { $0.message.contains("mapped twice") })
        for diagnostic in userDiagnostics { C.expectNoLeak(diagnostic.description, shape, "owner map diagnostic") }
    }

    /// Files the parsers reject: their messages may quote the input.
    @Test(arguments: C.shapes.indices)
    func malformedInventories(_ shapeIndex: Int) {
        let (shape, redactor) = C.shapes[shapeIndex]
        let secret = shape.secret
        let files = [
            ("bad.yml", "- id: key-1\n  storage: \(secret) : nested\n"),
            ("bad.yml", "- id: key-1\n  storage: [\(secret)\n"),
            ("bad.yml", "- id: \"\(secret)\n"),
            ("bad.yml", "- id: key-1\n\tstorage: \(secret)\n"),
            ("bad.json", "[{\"id\": \"\(secret)\" \"storage\": 1}]"),
            ("bad.json", "[{\"id\": \(secret)}]"),
            ("bad.json", "{\"id\": \"\(secret)\"}"),
            ("bad.csv", "id,storage\nkey-1,\"\(secret)\n"),
            ("bad.csv", "id,storage\n\"\(secret)\"x,kms\n"),
        ]
        for (file, text) in files {
            for skip in [true, false] {
                let outcome = Self.run([(file, text)], skipBadRows: skip, redactor: redactor)
                if !file.hasSuffix(".csv") { #expect(outcome.report == nil, "\(file): \(text)") }
                Self.expectNoLeak(outcome, shape, "\(shape) in a malformed \(file)")
            }
        }
    }
}
