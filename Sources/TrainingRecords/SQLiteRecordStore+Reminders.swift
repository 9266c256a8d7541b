import GRDB

extension SQLiteRecordStore {
    /// One statement claims: inserted, or taken over from `failed`; otherwise the row as it is.
    static let claimReminderSQL = """
        INSERT INTO reminder_ledger (channel, recipient, digest, stage, items, state, claimed_at, attempts)
        VALUES (?, ?, ?, ?, ?, 'sending', ?, 1)
        ON CONFLICT (channel, recipient, digest) DO UPDATE
            SET state = 'sending', claimed_at = excluded.claimed_at, finished_at = NULL, detail = NULL,
                stage = excluded.stage, attempts = reminder_ledger.attempts + 1
            WHERE reminder_ledger.state = 'failed'
        """

    public func claimReminder(_ claim: ReminderClaim) async throws -> ReminderClaimOutcome {
        let now = UTCTimestamp.now().iso8601
        return try await pool.write { db in
            try db.execute(
                sql: Self.claimReminderSQL,
                arguments: [
                    claim.channel, claim.recipient, claim.digest, claim.stage, ReminderLogEntry.joined(claim.items),
                    now,
                ])
            if db.changesCount == 1 { return .claimed }
            let row = try Row.fetchOne(
                db,
                sql: "SELECT state, claimed_at, finished_at FROM reminder_ledger "
                    + "WHERE channel = ? AND recipient = ? AND digest = ?",
                arguments: [claim.channel, claim.recipient, claim.digest])
            let state: String = row?[0] ?? "sending"
            if state == "sent" { return .alreadySent(at: row?[2] ?? row?[1] ?? "") }
            return .inProgress(since: row?[1] ?? "")
        }
    }

    public func finishReminder(_ claim: ReminderClaim, sent: Bool, detail: String?) async throws {
        let now = UTCTimestamp.now().iso8601
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE reminder_ledger SET state = ?, finished_at = ?, detail = ?
                    WHERE channel = ? AND recipient = ? AND digest = ? AND state = 'sending'
                    """,
                arguments: [
                    sent ? "sent" : "failed", now, detail, claim.channel, claim.recipient, claim.digest,
                ])
        }
    }

    public func reminderLog() async throws -> [ReminderLogEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT channel, recipient, digest, stage, items, state, claimed_at, finished_at, detail, attempts
                    FROM reminder_ledger ORDER BY claimed_at, channel, recipient, digest
                    """
            ).map { row in
                ReminderLogEntry(
                    channel: row[0], recipient: row[1], digest: row[2], stage: row[3],
                    items: ReminderLogEntry.split(row[4]), state: ReminderDelivery(rawValue: row[5]) ?? .sending,
                    claimedAt: row[6], finishedAt: row[7], detail: row[8], attempts: row[9])
            }
        }
    }
}
