import AttestServer
import PostgresRecords
import TrainingRecords

/// Where the key that signs sessions, form tokens and invitation links comes from, for `serve` and
/// `training invite` alike: `--signing-key-file` (created with mode 0600 if missing; give every
/// instance the same file), else the records' PostgreSQL database (shared by every instance), else
/// `server.key` beside the SQLite records.
enum SigningKeySource {
    static func key(
        file: String?, records location: TrainingInputs.RecordsLocation, store: (any RecordStore)?
    ) async throws -> ServerSigningKey {
        if let file { return try ServerSigningKey.loadOrCreate(at: file) }
        switch location.store {
        case .sqlite(let path):
            return try ServerSigningKey.loadOrCreate(at: ServerSigningKey.defaultPath(forRecords: path))
        case .postgres:
            guard let store = store as? PostgresRecordStore else {
                throw ServerSetupError.badKeyFile("the records database is not open")
            }
            do {
                return try ServerSigningKey(bytes: try await store.sharedSigningKey())
            } catch let error as ServerSetupError {
                throw error
            } catch {
                throw ServerSetupError.badKeyFile("cannot read the signing key from the records database: \(error)")
            }
        }
    }
}
