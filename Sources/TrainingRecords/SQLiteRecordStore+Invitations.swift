import GRDB

extension SQLiteRecordStore {
    public func redeemInvitation(id: String, person: String, expires: Int64) async throws -> InvitationRedemption {
        let now = UTCTimestamp.now()
        return try await pool.write { db in
            // Links past their expiry cannot be used again anyway: their marks are dropped here.
            try db.execute(
                sql: "DELETE FROM invitation_redemptions WHERE expires < ?",
                arguments: [now.millisecondsSince1970 / 1000])
            try db.execute(
                sql: """
                    INSERT INTO invitation_redemptions (id, person, redeemed_at, expires) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING
                    """,
                arguments: [id, person.lowercased(), now.iso8601, expires])
            if db.changesCount == 1 { return .first }
            let earlier = try String.fetchOne(
                db, sql: "SELECT redeemed_at FROM invitation_redemptions WHERE id = ?", arguments: [id])
            return .alreadyRedeemed(at: earlier ?? "an earlier time")
        }
    }
}
