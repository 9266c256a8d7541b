import PostgresNIO
import TrainingRecords

extension PostgresRecordStore {
    /// One statement claims, on any instance: inserted, or taken over from `failed` (`ON CONFLICT …
    /// DO UPDATE … WHERE`, which locks the row, so a concurrent claim waits and then finds it
    /// `sending`); otherwise the row as it is.
    public func claimReminder(_ claim: ReminderClaim) async throws -> ReminderClaimOutcome {
        let now = UTCTimestamp.now().iso8601
        let items = claim.items.joined(separator: "\n")
        return try await gate.run { connection in
            var claimed = false
            for try await _ in try await connection.query(
                """
                INSERT INTO reminder_ledger (channel, recipient, digest, stage, items, state, claimed_at, attempts)
                VALUES (\(claim.channel), \(claim.recipient), \(claim.digest), \(claim.stage), \(items), 'sending',
                    \(now), 1)
                ON CONFLICT (channel, recipient, digest) DO UPDATE
                    SET state = 'sending', claimed_at = EXCLUDED.claimed_at, finished_at = NULL, detail = NULL,
                        stage = EXCLUDED.stage, attempts = reminder_ledger.attempts + 1
                    WHERE reminder_ledger.state = 'failed'
                RETURNING attempts
                """, logger: Self.logger
            ).decode(Int32.self) {
                claimed = true
            }
            if claimed { return .claimed }
            var found: (String, String, String?)?
            for try await row in try await connection.query(
                """
                SELECT state, claimed_at, finished_at FROM reminder_ledger
                WHERE channel = \(claim.channel) AND recipient = \(claim.recipient) AND digest = \(claim.digest)
                """, logger: Self.logger
            ).decode((String, String, String?).self) {
                found = row
            }
            if let found, found.0 == "sent" { return .alreadySent(at: found.2 ?? found.1) }
            return .inProgress(since: found?.1 ?? "")
        }
    }

    public func finishReminder(_ claim: ReminderClaim, sent: Bool, detail: String?) async throws {
        let now = UTCTimestamp.now().iso8601
        let state = sent ? "sent" : "failed"
        try await gate.run { connection in
            _ = try await connection.query(
                """
                UPDATE reminder_ledger SET state = \(state), finished_at = \(now), detail = \(detail)
                WHERE channel = \(claim.channel) AND recipient = \(claim.recipient) AND digest = \(claim.digest)
                    AND state = 'sending'
                """, logger: Self.logger)
        }
    }

    public func reminderLog() async throws -> [ReminderLogEntry] {
        try await gate.run { connection in
            var entries: [ReminderLogEntry] = []
            for try await row in try await connection.query(
                """
                SELECT channel, recipient, digest, stage, items, state, claimed_at, finished_at, detail, attempts
                FROM reminder_ledger ORDER BY claimed_at, channel, recipient, digest
                """, logger: Self.logger
            ).decode((String, String, String, String, String, String, String, String?, String?, Int32).self) {
                entries.append(
                    ReminderLogEntry(
                        channel: row.0, recipient: row.1, digest: row.2, stage: row.3,
                        items: row.4.split(separator: "\n").map(String.init),
                        state: ReminderDelivery(rawValue: row.5) ?? .sending, claimedAt: row.6, finishedAt: row.7,
                        detail: row.8, attempts: Int(row.9)))
            }
            return entries
        }
    }
}
