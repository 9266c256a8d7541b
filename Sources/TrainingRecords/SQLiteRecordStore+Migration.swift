import GRDB

extension SQLiteRecordStore {
    /// Every record with its import key, in sequence order: the source of `attest training migrate`.
    public func chainEntries() async throws -> [ChainEntry] {
        try await pool.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(Self.columns), import_key FROM attempts ORDER BY sequence")
            var entries: [ChainEntry] = []
            while let row = try rows.next() {
                switch Self.decode(row) {
                case .success(let record):
                    let key: DatabaseValue = row[14]
                    entries.append(ChainEntry(record: record, importKey: String.fromDatabaseValue(key)))
                case .failure(let error):
                    throw RecordStoreError.unreadableRecord(sequence: error.sequence, reason: error.reason)
                }
            }
            return entries
        }
    }

    /// The marks of used invitation links that have not expired yet.
    public func invitationMarks() async throws -> [InvitationMark] {
        let now = UTCTimestamp.now().millisecondsSince1970 / 1000
        return try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, person, redeemed_at, expires FROM invitation_redemptions WHERE expires >= ?",
                arguments: [now]
            ).map { row in
                InvitationMark(id: row[0], person: row[1], redeemedAt: row[2], expires: row[3])
            }
        }
    }
}
