import Foundation
import Testing

/// `attest audit` never prints or writes a secret: the corpus of Tests/RedactionCorpus/contexts.txt
/// × every built-in secret shape × every inventory field in a CSV inventory (and every context and
/// field, the shapes in turn, in JSON and YAML inventories, an IAM credential report and an owner
/// map), run through the binary with and without `--skip-bad-rows`; stdout, stderr, every report
/// written and the history file are searched.
/// (Every format and reader at library level, and a handbook's own rules: AuditTests/RedactionCorpusTests.)
@Suite("attest audit redacts secrets everywhere, end to end")
struct RedactionEndToEndTests {
    /// One secret and what must never be printed of it (as RedactionCorpus in AuditTests).
    struct Shape: Sendable {
        var prefix: String
        var body: String
        var secret: String { prefix + body }
        var redacted: String { prefix + "…" + String(body.suffix(4)) }

        /// Lowercased: the secret, its body without the last four, each 8-character piece of that.
        var forbidden: [String] {
            let hidden = String(body.dropLast(4))
            var texts = [secret, hidden]
            for run in hidden.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                let characters = Array(run)
                for start in stride(from: 0, to: characters.count - 7, by: 8) {
                    texts.append(String(characters[start..<(start + 8)]))
                }
            }
            return texts.map { $0.lowercased() }
        }
    }

    static func body(_ count: Int, seed: UInt64) -> String {
        let characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var state = seed
        return String(
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return characters[Int((state >> 33) % UInt64(characters.count))]
            })
    }

    static let shapes: [Shape] = {
        var aws = Array(body(40, seed: 16))
        aws[13] = "/"
        aws[27] = "+"
        return [
            Shape(prefix: "sk_live_", body: body(99, seed: 11)), Shape(prefix: "sk_test_", body: body(99, seed: 12)),
            Shape(prefix: "rk_live_", body: body(99, seed: 13)), Shape(prefix: "rk_test_", body: body(99, seed: 14)),
            Shape(prefix: "whsec_", body: body(32, seed: 15)), Shape(prefix: "", body: String(aws)),
        ]
    }()

    static let contexts: [String] = {
        let url = AttestExecutable.packageRoot.appendingPathComponent("Tests/RedactionCorpus/contexts.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            var result = "", escaped = false
            for character in line {
                if escaped {
                    result.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return result
        }
    }()

    /// Every native column and an extra one, each with a value that passes the fixture's checks.
    static let columns: [(name: String, value: String)] = [
        ("id", ""), ("name", "checkout"), ("type", "restricted"), ("mode", "live"), ("status", "active"),
        ("owner", "alice@example.com"), ("created_at", "2026-11-01"), ("last_rotated_at", "2026-11-01"),
        ("last_used_at", "2026-11-20"), ("expires_at", "2027-11-01"), ("ip_allowlist", "10.0.0.1"), ("storage", "kms"),
        ("environment", "production"), ("consumer", "internal"), ("permissions", "charges:read"),
        ("access", "alice@example.com"), ("access_reviewed_at", "2026-11-01"), ("exposed_at", ""), ("notes", "ok"),
    ]

    /// A policy with every key check, so each field shows in some finding.
    static let policy = """
        ---
        id: key-redaction
        title: Every key check
        owner: security@example.com
        version: "1.0"
        last_reviewed: 2026-10-01
        review_every_days: 365
        controls:
          - {id: R-ACTIVE, check: owner-active, title: Owner active, severity: low, remediation: Fix.}
          - {id: R-UNUSED, check: unused-key, title: Used, severity: low, params: {max_idle_days: 30}, remediation: Fix.}
          - {id: R-THIRD, check: restricted-for-third-parties, title: Restricted, severity: low, remediation: Fix.}
          - {id: R-ALLOW, check: ip-allowlist, title: Allowlist, severity: low, remediation: Fix.}
          - {id: R-PROD, check: no-live-in-nonprod, title: Prod, severity: low, remediation: Fix.}
          - {id: R-LEAST, check: access-least, title: Least, severity: low, params: {max_people: 5}, remediation: Fix.}
          - {id: R-REVIEW, check: access-review, title: Review, severity: low, params: {max_days: 90}, remediation: Fix.}
          - {id: R-TRAINED, check: access-trained, title: Trained, severity: low, params: {quizzes: [key-basics]}, remediation: Fix.}
          - {id: R-EXPOSED, check: exposure-rolled, title: Exposed, severity: low, remediation: Fix.}
        ---
        # Every key check
        """

    static func csvField(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// For each field and context, a row where that field holds a secret in that context: of every
    /// shape when `everyShape`, else of one shape in turn (each (shape, field, context) is read
    /// through every reader at library level; here the binary's outputs are under test).
    static func rows(idPrefix: String, everyShape: Bool) -> [[String]] {
        var rows: [[String]] = []
        for (index, shape) in shapes.enumerated() {
            for column in columns.indices {
                for (number, context) in contexts.enumerated()
                where everyShape || (column + number) % shapes.count == index {
                    var row = columns.map(\.value)
                    row[0] = "\(idPrefix)-\(rows.count + 1)"
                    row[column] = context.replacingOccurrences(of: "{S}", with: shape.secret)
                    rows.append(row)
                }
            }
        }
        return rows
    }

    /// A fixture root holding the policy and the inventories in CSV, JSON and YAML.
    static func root() throws -> FixtureRoot {
        let root = try FixtureRoot()
        try root.write(policy, to: "content/policies/keys/redaction.md")
        let header = columns.map(\.name)
        let csv = ([header] + rows(idPrefix: "csv", everyShape: true)).map { $0.map(csvField).joined(separator: ",") }
        try root.write(csv.joined(separator: "\n") + "\n", to: "content/data/keys.csv")
        let json = rows(idPrefix: "json", everyShape: false).map { row in
            "{" + zip(header, row).map { "\(jsonString($0)): \(jsonString($1))" }.joined(separator: ", ") + "}"
        }
        try root.write("[\n" + json.joined(separator: ",\n") + "\n]\n", to: "content/data/keys.json")
        let yaml = rows(idPrefix: "yaml", everyShape: false).map { row in
            "- " + zip(header, row).map { "\($0): \(jsonString($1))" }.joined(separator: "\n  ")
        }
        try root.write(yaml.joined(separator: "\n") + "\n", to: "content/data/keys.yml")
        return root
    }

    /// Each 8-byte window of the forbidden texts, lowercased: a text of 8 bytes or more is in an
    /// output only if its first window is.
    static let forbidden: [UInt64: [[UInt8]]] = {
        var table: [UInt64: [[UInt8]]] = [:]
        for shape in shapes {
            for text in shape.forbidden {
                let bytes = Array(text.utf8)
                table[bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }, default: []].append(bytes)
            }
        }
        return table
    }()

    /// Records an issue when `text` holds a secret (or most of one), ASCII case ignored; one pass
    /// over its bytes (String.contains over megabytes of reports, once per text, is slow).
    static func expectNoSecret(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        var value: UInt64 = 0
        for index in bytes.indices {
            value = value << 8 | UInt64(bytes[index])
            guard index >= 7, let candidates = forbidden[value] else { continue }
            let start = index - 7
            for leaked in candidates where bytes[start...].starts(with: leaked) {
                let leakedText = String(decoding: leaked, as: UTF8.self)
                let line = text.split(separator: "\n").first { $0.lowercased().contains(leakedText) } ?? ""
                Issue.record("\(what) holds '\(leakedText)': \(line.prefix(300))", sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// Every file under `directory`, as text.
    static func files(under directory: URL) -> [(path: String, text: String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var result: [(String, String)] = []
        while let relative = enumerator.nextObject() as? String {
            let url = directory.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = try? Data(contentsOf: url)
            else { continue }
            result.append((relative, String(decoding: data, as: UTF8.self)))
        }
        return result
    }

    @Test("native inventories: every shape in every field and context, with --skip-bad-rows and without")
    func nativeInventories() async throws {
        #expect(Self.contexts.count >= 30)
        let root = try Self.root()
        defer { root.remove() }
        let inventories = ["content/data/keys.csv", "content/data/keys.json", "content/data/keys.yml"]
        let arguments = ["audit", "--root", root.url.path, "--inventory"] + inventories + ["--as-of", "2026-11-27"]

        let skipped = try await AttestExecutable.run(
            arguments + [
                "--format", "html,json,csv,md,sarif,junit,oscal", "--output", "report", "--history", "history.jsonl",
                "--skip-bad-rows", "--fail-on", "never",
            ], in: root.url)
        #expect(skipped.exitCode == 0, "\(skipped.stdout)\n\(skipped.stderr.prefix(2000))")
        Self.expectNoSecret(skipped.stdout, "stdout with --skip-bad-rows")
        Self.expectNoSecret(skipped.stderr, "stderr with --skip-bad-rows")
        #expect(skipped.stdout.contains("bad rows skipped"))
        #expect(skipped.stderr.contains("holds what looks like a secret value"))
        let written = Self.files(under: root.path("report"))
        #expect(written.count == 7)
        for file in written { Self.expectNoSecret(file.text, "report/\(file.path)") }
        let history = try #require(root.read("history.jsonl"))
        Self.expectNoSecret(history, "the history file")
        // The values reached the reports, redacted.
        let json = written.first { $0.path == "report.json" }?.text ?? ""
        for shape in Self.shapes { #expect(json.contains(shape.redacted), "report.json lacks \(shape.redacted)") }

        let before = root.snapshot()
        let failed = try await AttestExecutable.run(arguments + ["--output", "report2"], in: root.url)
        #expect(failed.exitCode == 2, "\(failed.stdout)\n\(failed.stderr.prefix(2000))")
        #expect(failed.stderr.contains("error: unknown environment"))
        Self.expectNoSecret(failed.stdout, "stdout without --skip-bad-rows")
        Self.expectNoSecret(failed.stderr, "stderr without --skip-bad-rows")
        #expect(root.snapshot().differences(from: before) == [], "nothing is written on bad input")
    }

    @Test("the IAM credential report and the owner map")
    func credentialReportAndOwnerMap() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        try root.write(Self.policy, to: "content/policies/keys/redaction.md")
        let header = [
            "user", "arn", "user_creation_time", "password_enabled", "access_key_1_active", "access_key_1_last_rotated",
            "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_2_active",
            "access_key_2_last_rotated", "access_key_2_last_used_date",
        ]
        let base = [
            "", "", "2020-01-01T00:00:00+00:00", "false", "true", "2020-01-01T00:00:00+00:00",
            "2020-06-01T00:00:00+00:00", "us-east-1", "false", "N/A", "N/A",
        ]
        var rows: [[String]] = [], owners = ["iam_user,email"], duplicated = ["iam_user,email"]
        for (index, shape) in Self.shapes.enumerated() {
            for column in header.indices {
                for (number, context) in Self.contexts.enumerated() where (column + number) % Self.shapes.count == index
                {
                    let value = context.replacingOccurrences(of: "{S}", with: shape.secret)
                    var row = base
                    row[0] = "user-\(rows.count + 1)"
                    row[1] = "arn:aws:iam::123456789012:user/user-\(rows.count + 1)"
                    row[column] = value
                    rows.append(row)
                    owners.append("user-\(rows.count),\(Self.csvField(value + "@example.com"))")
                }
            }
            for context in Self.contexts {
                let user = Self.csvField(context.replacingOccurrences(of: "{S}", with: shape.secret))
                duplicated += ["\(user),a@example.com", "\(user),b@example.com"]
            }
        }
        try root.write(
            ([header] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n",
            to: "content/data/credential-report.csv")
        try root.write(owners.joined(separator: "\n") + "\n", to: "content/data/owners.csv")
        try root.write(duplicated.joined(separator: "\n") + "\n", to: "content/data/duplicated-owners.csv")
        let arguments = [
            "audit", "--root", root.url.path, "--inventory", "content/data/credential-report.csv", "--as-of",
            "2026-11-27",
            "--format", "html,json,csv,md,sarif,junit,oscal",
        ]

        let skipped = try await AttestExecutable.run(
            arguments + ["--owner-map", "content/data/owners.csv", "--output", "report", "--skip-bad-rows"],
            in: root.url)
        #expect(skipped.exitCode == 0 || skipped.exitCode == 1, "\(skipped.stderr.prefix(2000))")
        Self.expectNoSecret(skipped.stdout, "stdout")
        Self.expectNoSecret(skipped.stderr, "stderr")
        let written = Self.files(under: root.path("report"))
        #expect(written.count == 7)
        for file in written { Self.expectNoSecret(file.text, "report/\(file.path)") }

        let failed = try await AttestExecutable.run(
            arguments + ["--owner-map", "content/data/owners.csv", "--output", "report2"], in: root.url)
        #expect(failed.exitCode == 2)
        Self.expectNoSecret(failed.stdout + failed.stderr, "output without --skip-bad-rows")

        let badMap = try await AttestExecutable.run(
            arguments + ["--owner-map", "content/data/duplicated-owners.csv", "--output", "report3"], in: root.url)
        #expect(badMap.exitCode == 2)
        #expect(badMap.stderr.contains("is mapped twice"))
        Self.expectNoSecret(badMap.stdout + badMap.stderr, "output of a bad owner map")
    }

    @Test("a malformed YAML inventory: the parser's message quotes the line, redacted")
    func malformedYAML() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let lines = Self.shapes.map { "- id: key-1\n  storage: \($0.secret) : nested\n" }
        for (index, text) in lines.enumerated() { try root.write(text, to: "content/data/bad-\(index).yml") }
        // Each file is read and rejected on its own: one run shows every parser message.
        let outcome = try await AttestExecutable.run(
            ["audit", "--root", root.url.path, "--as-of", "2026-11-27", "--inventory"]
                + lines.indices.map { "content/data/bad-\($0).yml" }, in: root.url)
        #expect(outcome.exitCode == 2)
        #expect(outcome.stderr.components(separatedBy: "not valid YAML").count == lines.count + 1, "\(outcome.stderr)")
        Self.expectNoSecret(outcome.stdout + outcome.stderr, "output of a malformed YAML inventory")
    }

    /// A handbook's own secret shape (content/scan-rules.yml): `acme_` and 32 lower-case hex digits.
    static let acmeScanRules = """
        rules:
          - id: acme-api-token
            title: Acme API token
            severity: high
            prefix: acme_
            alphabet: a-f0-9
            min_length: 32

        """

    @Test("a handbook's own scan rules redact in the audit too: what the scanner recognises, no report prints")
    func customScanRulesRedact() async throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        try root.write(Self.acmeScanRules, to: "content/scan-rules.yml")
        let body = "0123456789abcdef0123456789abcdef"
        try root.write(
            "id,type,mode,owner,storage\nkey-1,secret,live,alice@example.com,vault/acme_\(body)\n",
            to: "content/data/custom.csv")
        let outcome = try await AttestExecutable.run(
            [
                "audit", "--root", root.url.path, "--as-of", "2026-11-27", "--fail-on", "never", "--format",
                "html,json,csv,md,sarif,junit,oscal", "--output", "report", "--inventory", "content/data/custom.csv",
            ], in: root.url)
        #expect(outcome.exitCode == 0, "\(outcome.stderr)")
        let written = Self.files(under: root.path("report"))
        #expect(written.count == 7)
        for file in written { #expect(!file.text.contains(body), "\(file.path) holds the custom secret") }
        #expect(!(outcome.stdout + outcome.stderr).contains(body))
        #expect(written.contains { $0.text.contains("acme_…cdef") })
    }
}
