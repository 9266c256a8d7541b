import PostgresNIO
import TrainingRecords

extension PostgresRecordStore {
    /// One statement decides: the first `INSERT … ON CONFLICT DO NOTHING` of a nonce, on any
    /// instance, returns its row; any other (concurrent ones wait for it) returns none.
    public func redeemInvitation(id: String, person: String, expires: Int64) async throws -> InvitationRedemption {
        let now = UTCTimestamp.now()
        let person = person.lowercased()
        let redeemedAt = now.iso8601
        let nowSeconds = now.millisecondsSince1970 / 1000
        return try await gate.run { connection in
            // Links past their expiry cannot be used again anyway: their marks are dropped here.
            try await connection.query(
                "DELETE FROM invitation_redemptions WHERE expires < \(nowSeconds)", logger: Self.logger)
            var inserted = false
            for try await _ in try await connection.query(
                """
                INSERT INTO invitation_redemptions (id, person, redeemed_at, expires)
                VALUES (\(id), \(person), \(redeemedAt), \(expires)) ON CONFLICT (id) DO NOTHING RETURNING id
                """, logger: Self.logger
            ).decode(String.self) {
                inserted = true
            }
            if inserted { return .first }
            var earlier: String?
            for try await at in try await connection.query(
                "SELECT redeemed_at FROM invitation_redemptions WHERE id = \(id)", logger: Self.logger
            ).decode(String.self) {
                earlier = at
            }
            return .alreadyRedeemed(at: earlier ?? "an earlier time")
        }
    }
}
