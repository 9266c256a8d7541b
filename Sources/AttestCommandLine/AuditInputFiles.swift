import Audit
import Foundation
import HandbookContent
import PostgresRecords
import Secrets
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
        if path.hasPrefix("/") || !fromRoot || PostgresLocation.isPostgresURL(path) { return path }
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

    /// The roster, read with the content model's ``RosterReader``; nil without a path.
    func loadRoster(_ path: String?) -> (Roster?, AuditReport.Input?, [Diagnostic]) {
        guard let path else { return (nil, nil, []) }
        let (bytes, readDiagnostics) = readBytes(path, what: "roster")
        guard let bytes else { return (nil, nil, readDiagnostics) }
        let shown = displayPath(path)
        let (roster, diagnostics) = RosterReader.read(bytes: bytes, path: shown)
        guard let roster else { return (nil, nil, diagnostics) }
        let input = AuditReport.Input(
            kind: "roster", path: shown, sha256: FileDigest.sha256(of: bytes), rows: roster.people.count)
        return (roster, input, diagnostics)
    }

    /// Every training record, or nil without a records database. A configured database that does
    /// not exist yet counts as not given; one named with --records must exist. A chain that fails
    /// verification is an error: an audit does not rest on tampered evidence.
    func loadRecords(
        _ path: String?, explicit: Bool, passwordFile: String? = nil
    ) async -> ([AttemptRecord]?, AuditReport.Input?, [Diagnostic]) {
        guard let path else { return (nil, nil, []) }
        if PostgresLocation.isPostgresURL(path) {
            return await loadPostgresRecords(path, passwordFile: passwordFile)
        }
        guard FileManager.default.fileExists(atPath: path) else {
            return explicit
                ? (nil, nil, [.error("no training records database at '\(displayPath(path))'", at: nil)])
                : (nil, nil, [])
        }
        let shown = displayPath(path)
        let store: SQLiteRecordStore
        do {
            store = try SQLiteRecordStore(path: path, createIfMissing: false)
        } catch {
            return (nil, nil, [.error("cannot read the training records '\(shown)': \(error)", at: nil)])
        }
        let loaded = await verifiedRecords(in: store, shown: shown)
        try? store.close()
        return loaded
    }

    /// The records in PostgreSQL, verified like a file's (the database must hold Attest's records).
    private func loadPostgresRecords(
        _ url: String, passwordFile: String?
    ) async -> ([AttemptRecord]?, AuditReport.Input?, [Diagnostic]) {
        let (resolved, problems) = TrainingInputs.resolveRecords(
            root: root, option: url, config: nil, passwordFile: passwordFile)
        guard let location = resolved else { return (nil, nil, problems) }
        let (opened, diagnostics) = await TrainingInputs.openStore(location, mustExist: true)
        guard let store = opened else { return (nil, nil, diagnostics) }
        let loaded = await verifiedRecords(in: store, shown: location.display)
        try? await store.close()
        return loaded
    }

    /// Every record of `store`, verified; the input names them by the chain's head hash (it
    /// identifies the records exactly, where a SQLite file's bytes do not).
    private func verifiedRecords(
        in store: any RecordStore, shown: String
    ) async -> ([AttemptRecord]?, AuditReport.Input?, [Diagnostic]) {
        do {
            let records = try await store.allRecords()
            let chain = ChainVerifier.verify(records)
            if let problem = chain.problem {
                return (nil, nil, [.error("the training records '\(shown)' fail verification: \(problem)", at: nil)])
            }
            let input = AuditReport.Input(
                kind: "records", path: shown, sha256: chain.head ?? FileDigest.sha256(of: []), rows: records.count)
            return (records, input, [])
        } catch {
            return (nil, nil, [.error("cannot read the training records '\(shown)': \(error)", at: nil)])
        }
    }

    func loadOwnerMap(_ path: String, redactor: SecretRedactor) -> (OwnerMap?, AuditReport.Input?, [Diagnostic]) {
        let (bytes, readDiagnostics) = readBytes(path, what: "owner map")
        guard let bytes else { return (nil, nil, readDiagnostics) }
        let shown = displayPath(path)
        let (map, rows, diagnostics) = OwnerMap.read(bytes: bytes, path: shown, redactor: redactor)
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
