import Crypto
import Foundation
import HandbookContent

/// Reads policy acceptances recorded by another system (`attest training import FILE.csv` when the
/// header names a `policy` column): `email`, `policy`, `version`, `accepted_at` (`YYYY-MM-DD` or an
/// ISO 8601 date-time), in any order. Every row is checked (bad email, a policy that is not in force
/// or asks for no acceptance, a version that is not `N`, `N.N` or `N.N.N`, a bad or future date,
/// wrong number of fields) and every problem is reported with its line and column.
///
/// Each good row becomes an acceptance record with identity source `import`, the original time, an
/// empty policy hash (the text accepted elsewhere is not known here), and the import key `import:` +
/// SHA-256 of the canonical JSON `["acceptance", email, policy, version, accepted_at as UTC ISO 8601]`,
/// so that importing the same acceptance again adds nothing. An imported acceptance of an older
/// major version is recorded but does not count (a new major version re-opened it).
public enum AcceptanceImportReader {
    static let columns = ["email", "policy", "version", "accepted_at"]

    /// Whether a header row (its field names) is an acceptances file rather than quiz completions.
    static func isAcceptanceHeader(_ fields: [String]) -> Bool {
        fields.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "policy" }
    }

    static func read(
        rows: [CSVRecord], path: String, policies: [Policy], now: UTCTimestamp
    ) -> CompletionImport {
        guard let header = rows.first else {
            return CompletionImport(attempts: [], diagnostics: [], badLines: [], isUnusable: true)
        }
        let (read, headerDiagnostics) = ImportTable.read(
            header: header, path: path, known: columns, required: columns,
            expected: "an acceptances file has \(columns.joined(separator: ", "))")
        guard let table = read else {
            return CompletionImport(attempts: [], diagnostics: headerDiagnostics, badLines: [], isUnusable: true)
        }
        var diagnostics = headerDiagnostics
        let byID = Dictionary(policies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var acceptances: [NewAttempt] = []
        var badLines: [Int] = []
        for record in rows.dropFirst() {
            var row = ImportTable.Row(record: record, table: table)
            guard row.isComplete else {
                diagnostics += row.errors
                badLines.append(record.line)
                continue
            }
            func field(_ name: String) -> String { row.field(name) }
            func fail(_ message: String, column: String? = nil) { row.fail(message, column: column) }
            let email = field("email").lowercased()
            if !CompletionImportReader.isPlausibleEmail(email) {
                fail("'\(field("email"))' is not an email address", column: "email")
            }
            let policy = byID[field("policy")]
            if policy == nil {
                fail("unknown policy '\(field("policy"))'", column: "policy")
            } else if policy?.acknowledge != true {
                fail("policy '\(field("policy"))' asks for no acceptance (acknowledge: true)", column: "policy")
            }
            let version = PolicyVersion(field("version"))
            if version == nil {
                fail("version '\(field("version"))' is not a version like 2.1", column: "version")
            }
            let accepted = UTCTimestamp(parsing: field("accepted_at"))
            if let accepted {
                if accepted > now {
                    fail("accepted_at '\(field("accepted_at"))' is in the future", column: "accepted_at")
                }
            } else {
                fail(
                    "accepted_at '\(field("accepted_at"))' is not a date (YYYY-MM-DD) or an ISO 8601 date-time",
                    column: "accepted_at")
            }
            guard row.errors.isEmpty, let policy, let version, let accepted else {
                diagnostics += row.errors
                badLines.append(record.line)
                continue
            }
            let recordedAt = accepted.iso8601
            var acceptance = NewAttempt.acceptance(
                person: email, policyID: policy.id, version: version.text, policySHA256: "", identitySource: "import",
                recordedAt: recordedAt)
            acceptance.importKey = importKey(
                email: email, policy: policy.id, version: version.text, recordedAt: recordedAt)
            acceptances.append(acceptance)
        }
        return CompletionImport(attempts: acceptances, diagnostics: diagnostics, badLines: badLines, isUnusable: false)
    }

    /// `import:` + SHA-256 (hex) of the canonical JSON `["acceptance", email, policy, version, recordedAt]`.
    public static func importKey(email: String, policy: String, version: String, recordedAt: String) -> String {
        let content = CanonicalJSON.serialize(
            .array([.string("acceptance"), .string(email), .string(policy), .string(version), .string(recordedAt)]))
        return "import:" + CanonicalJSON.hex(SHA256.hash(data: Array(content.utf8)))
    }
}
