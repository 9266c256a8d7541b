import Audit
import Foundation
import HandbookContent
import TrainingRecords

/// Finds and reads the audit's side inputs (roster, records, owner map, history) for the command,
/// each behind one small function, and names files relative to the root in diagnostics and reports.
struct AuditInputFiles {
    let root: String
    private let absoluteRoot: String

    init(root: String) {
        self.root = root
        absoluteRoot = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    /// `path` as a file path: absolute as is; relative to the root when `fromRoot` (handbook.yml
    /// settings), else to the working directory (command-line arguments).
    func resolve(_ path: String, fromRoot: Bool) -> String {
        if path.hasPrefix("/") || !fromRoot { return path }
        return (root as NSString).appendingPathComponent(path)
    }

    /// How `path` is shown: relative to the root when inside it, else as given.
    func displayPath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return absolute.hasPrefix(absoluteRoot + "/") ? String(absolute.dropFirst(absoluteRoot.count + 1)) : path
    }

    func inventorySource(_ path: String) -> AuditRunner.InventorySource {
        AuditRunner.InventorySource(path: displayPath(path), contents: .file(path))
    }

    private func readBytes(_ path: String, what: String) -> ([UInt8]?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read the \(what) '\(displayPath(path))'", at: nil)])
        }
        return ([UInt8](data), [])
    }

    /// The roster, read with the minimal columns the audit needs: email, name, team, groups (`;`),
    /// active (true/false, default true), start_date. nil without a path.
    /// To be replaced by the content model's roster reader when it lands: the body becomes
    /// `RosterReader.read(bytes: bytes, path: shown)` plus this input entry.
    func loadRoster(_ path: String?) -> (Roster?, AuditReport.Input?, [Diagnostic]) {
        guard let path else { return (nil, nil, []) }
        let (bytes, readDiagnostics) = readBytes(path, what: "roster")
        guard let bytes else { return (nil, nil, readDiagnostics) }
        let shown = displayPath(path)
        var reader = CSVReader(bytes: bytes)
        var people: [Person] = []
        var diagnostics: [Diagnostic] = []
        do {
            guard let header = try reader.next() else { return (Roster(people: [], sourcePath: shown), nil, []) }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let emailIndex = names.firstIndex(of: "email") else {
                return (
                    nil, nil,
                    [.error("the roster needs an email column", at: SourceLocation(path: shown, line: header.line))]
                )
            }
            func field(_ record: CSVRecord, _ name: String) -> String? {
                guard let index = names.firstIndex(of: name), index < record.fields.count else { return nil }
                let value = record.fields[index].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            while let record = try reader.next() {
                let location = SourceLocation(path: shown, line: record.line)
                guard record.fields.count == names.count, record.fields[emailIndex].contains("@") else {
                    diagnostics.append(.error("a roster row needs every column and an email", at: location))
                    continue
                }
                let activeText = field(record, "active")?.lowercased() ?? "true"
                guard ["true", "false", "yes", "no", "1", "0"].contains(activeText) else {
                    diagnostics.append(.error("active must be true or false, got '\(activeText)'", at: location))
                    continue
                }
                people.append(
                    Person(
                        email: record.fields[emailIndex].trimmingCharacters(in: .whitespaces),
                        name: field(record, "name") ?? "", team: field(record, "team") ?? "",
                        groups: (field(record, "groups") ?? "").split(separator: ";").map {
                            $0.trimmingCharacters(in: .whitespaces)
                        },
                        active: ["true", "yes", "1"].contains(activeText),
                        startDate: field(record, "start_date").flatMap { CalendarDate(parsing: $0) }))
            }
        } catch {
            diagnostics.append(
                .error(error.message, at: SourceLocation(path: shown, line: error.line, column: error.column)))
        }
        let input = AuditReport.Input(
            kind: "roster", path: shown, sha256: FileDigest.sha256(of: bytes), rows: people.count)
        return (Roster(people: people, sourcePath: shown), input, diagnostics)
    }

    /// Every training record, or nil without a records database. A configured database that does
    /// not exist yet counts as not given; one named with --records must exist.
    /// To be wired to the SQLite record store when it lands: `try SQLiteRecordStore(path: path,
    /// createIfMissing: false)`, then `try await store.allRecords()`, and an input entry with the
    /// file's SHA-256 (``FileDigest``) and the number of records.
    func loadRecords(_ path: String?, explicit: Bool) async -> ([AttemptRecord]?, AuditReport.Input?, [Diagnostic]) {
        guard let path else { return (nil, nil, []) }
        guard FileManager.default.fileExists(atPath: path) else {
            return explicit
                ? (nil, nil, [.error("no training records database at '\(displayPath(path))'", at: nil)])
                : (nil, nil, [])
        }
        let problem = "reading the training records database '\(displayPath(path))' is not available in this build"
        return explicit ? (nil, nil, [.error(problem, at: nil)]) : (nil, nil, [.warning(problem, at: nil)])
    }

    func loadOwnerMap(_ path: String) -> (OwnerMap?, AuditReport.Input?, [Diagnostic]) {
        let (bytes, readDiagnostics) = readBytes(path, what: "owner map")
        guard let bytes else { return (nil, nil, readDiagnostics) }
        let shown = displayPath(path)
        let (map, rows, diagnostics) = OwnerMap.read(bytes: bytes, path: shown)
        return (
            map, AuditReport.Input(kind: "owner-map", path: shown, sha256: FileDigest.sha256(of: bytes), rows: rows),
            diagnostics
        )
    }

    /// The history so far; a file that does not exist yet is an empty history.
    func loadHistory(_ path: String) -> ([HistoryEntry], [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], []) }
        let (bytes, readDiagnostics) = readBytes(path, what: "history file")
        guard let bytes else { return ([], readDiagnostics) }
        return AuditHistory.parse(String(decoding: bytes, as: UTF8.self), path: displayPath(path))
    }
}
