/// Why the record store cannot do what was asked. Nothing is written when one is thrown.
public enum RecordStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file cannot be opened or created as a records database (not a database, not writable…).
    case cannotOpen(path: String, reason: String)
    /// No records database at this path (for commands that only read).
    case notFound(path: String)
    /// A stored row cannot be read back as a record (its columns were tampered with).
    case unreadableRecord(sequence: Int64, reason: String)
    /// An attempt with this import key is already stored.
    case duplicateImport(key: String)
    /// The records database cannot be reached now (a server that is down or restarting); nothing
    /// was written. `reason` never holds a password.
    case unavailable(reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the training records '\(path)': \(reason)"
        case .notFound(let path): "no training records at '\(path)'"
        case .unreadableRecord(let sequence, let reason): "record \(sequence) cannot be read: \(reason)"
        case .duplicateImport(let key): "an attempt with import key \(key) is already recorded"
        case .unavailable(let reason): "the records database is unavailable: \(reason)"
        }
    }
}
