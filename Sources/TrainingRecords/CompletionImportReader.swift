import Crypto
import Foundation
import HandbookContent

/// Reads completions from another training system (`attest training import FILE.csv`).
///
/// The file has a header row naming its columns, in any order: `email`, `quiz`, `completed_at`
/// (`YYYY-MM-DD` or an ISO 8601 date-time), `score_percent` (a whole number 0…100) and, optionally,
/// `passed` (`true`/`false`; empty or absent: score ≥ the quiz's pass_percent). Every row is checked
/// (unknown quiz, bad date, bad email, score out of range, wrong number of fields) and every
/// problem is reported with its line and column.
///
/// Each good row becomes an attempt with identity source `import`, the original completion time,
/// no answers, an empty quiz content hash (the quiz taken elsewhere is not this one), the current
/// versions of the quiz's policies (so a later major version re-opens it), and the import key
/// `import:` + SHA-256 of the canonical JSON `[email, quiz, completed_at as UTC ISO 8601]`, so
/// that importing the same completion again adds nothing.
///
/// A file whose header names a `policy` column holds policy acceptances instead
/// (``AcceptanceImportReader``).
public enum CompletionImportReader {
    static let requiredColumns = ["email", "quiz", "completed_at", "score_percent"]
    static let knownColumns = requiredColumns + ["passed"]

    /// Reads `bytes` (the file at `path`, as shown in diagnostics), checking quiz ids against
    /// `quizzes`; completions after `now` are errors.
    public static func read(
        bytes: [UInt8], path: String, quizzes: [Quiz], policies: [Policy], now: UTCTimestamp = .now()
    ) -> CompletionImport {
        var reader = CSVReader(bytes: bytes)
        let rows: [CSVRecord]
        do {
            rows = try reader.readAll()
        } catch {
            return unusable(
                .error(error.message, at: SourceLocation(path: path, line: error.line, column: error.column)))
        }
        guard let header = rows.first else {
            return unusable(
                .error(
                    "the file is empty: expected a header row naming the columns \(knownColumns.joined(separator: ", "))",
                    at: SourceLocation(path: path)))
        }
        if AcceptanceImportReader.isAcceptanceHeader(header.fields) {
            return AcceptanceImportReader.read(rows: rows, path: path, policies: policies, now: now)
        }
        let (read, headerDiagnostics) = ImportTable.read(
            header: header, path: path, known: knownColumns, required: requiredColumns,
            expected: "expected \(knownColumns.joined(separator: ", "))")
        guard let table = read else {
            return CompletionImport(attempts: [], diagnostics: headerDiagnostics, badLines: [], isUnusable: true)
        }
        var diagnostics = headerDiagnostics
        let quizzesByID = Dictionary(quizzes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let versions = Dictionary(policies.map { ($0.id, $0.version.text) }, uniquingKeysWith: { first, _ in first })
        var attempts: [NewAttempt] = []
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
            if !isPlausibleEmail(email) { fail("'\(field("email"))' is not an email address", column: "email") }
            let quiz = quizzesByID[field("quiz")]
            if quiz == nil { fail("unknown quiz '\(field("quiz"))'", column: "quiz") }
            let completed = UTCTimestamp(parsing: field("completed_at"))
            if let completed {
                if completed > now {
                    fail("completed_at '\(field("completed_at"))' is in the future", column: "completed_at")
                }
            } else {
                fail(
                    "completed_at '\(field("completed_at"))' is not a date (YYYY-MM-DD) or an ISO 8601 date-time",
                    column: "completed_at")
            }
            let score = Int(field("score_percent"))
            if score.map({ !(0...100).contains($0) }) ?? true {
                fail(
                    "score_percent '\(field("score_percent"))' is not a whole number from 0 to 100",
                    column: "score_percent")
            }
            var passed: Bool?
            switch field("passed").lowercased() {
            case "": passed = nil
            case "true", "yes", "1": passed = true
            case "false", "no", "0": passed = false
            default: fail("passed '\(field("passed"))' is not true or false", column: "passed")
            }
            guard row.errors.isEmpty, let quiz, let completed, let score else {
                diagnostics += row.errors
                badLines.append(record.line)
                continue
            }
            let recordedAt = completed.iso8601
            var policyVersions: [String: String] = [:]
            for policy in quiz.policies { policyVersions[policy] = versions[policy] }
            attempts.append(
                NewAttempt(
                    person: email, quizID: quiz.id, quizContentSHA256: "", policyVersions: policyVersions,
                    answers: [:], scorePercent: score, passed: passed ?? (score >= quiz.passPercent),
                    identitySource: "import", recordedAt: recordedAt,
                    importKey: importKey(email: email, quiz: quiz.id, recordedAt: recordedAt)))
        }
        return CompletionImport(attempts: attempts, diagnostics: diagnostics, badLines: badLines, isUnusable: false)
    }

    /// `import:` + SHA-256 (hex) of the canonical JSON `[email, quiz, recordedAt]`.
    public static func importKey(email: String, quiz: String, recordedAt: String) -> String {
        let content = CanonicalJSON.serialize(.array([.string(email), .string(quiz), .string(recordedAt)]))
        return "import:" + CanonicalJSON.hex(SHA256.hash(data: Array(content.utf8)))
    }

    /// One `@`, a non-empty local part, a domain with a dot inside it, no spaces or commas.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, text.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            return false
        }
        return !text.contains { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" || $0 == ";" }
    }

    private static func unusable(_ diagnostic: Diagnostic) -> CompletionImport {
        CompletionImport(attempts: [], diagnostics: [diagnostic], badLines: [], isUnusable: true)
    }
}
