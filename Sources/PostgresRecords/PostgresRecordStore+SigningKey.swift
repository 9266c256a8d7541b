import PostgresNIO
import TrainingRecords

extension PostgresRecordStore {
    /// The key that signs sessions, form tokens and invitation links, kept in the database so that
    /// every instance (and `attest training invite`) uses the same one: 32 random bytes made by
    /// whichever instance asks first (`INSERT … ON CONFLICT DO NOTHING`), then read by all.
    public func sharedSigningKey() async throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let fresh = CanonicalJSON.hex((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let display = location.display
        return try await gate.run { connection in
            try await connection.query(
                """
                INSERT INTO attest_settings (name, value) VALUES ('signing_key', \(fresh))
                ON CONFLICT (name) DO NOTHING
                """, logger: Self.logger)
            var stored: String?
            for try await value in try await connection.query(
                "SELECT value FROM attest_settings WHERE name = 'signing_key'", logger: Self.logger
            ).decode(String.self) {
                stored = value
            }
            guard let stored, let bytes = CanonicalJSON.bytes(fromHex: stored), bytes.count >= 32 else {
                throw RecordStoreError.cannotOpen(
                    path: display, reason: "the stored signing key (attest_settings.signing_key) is not 64 hex digits")
            }
            return bytes
        }
    }
}
