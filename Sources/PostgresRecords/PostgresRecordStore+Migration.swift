import PostgresNIO
import TrainingRecords

extension PostgresRecordStore {
    /// Every record with its import key, in sequence order.
    public func chainEntries() async throws -> [ChainEntry] {
        try await streamingGate.run { connection in
            var entries: [ChainEntry] = []
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.columns), import_key FROM attempts ORDER BY sequence"),
                logger: Self.logger)
            {
                switch Self.decode(row) {
                case .success(let record):
                    let key = try? row.makeRandomAccess()[14].decode(String?.self)
                    entries.append(ChainEntry(record: record, importKey: key ?? nil))
                case .failure(let error):
                    throw RecordStoreError.unreadableRecord(sequence: error.sequence, reason: error.reason)
                }
            }
            return entries
        }
    }

    /// Appends records as they are (sequence, id, time and hashes kept), in one transaction under
    /// the chain lock: the copy step of `attest training migrate`. The first must follow the
    /// stored head (its sequence and previous hash), so a chain continues and is never forked;
    /// otherwise nothing is written and ``RecordStoreError/cannotOpen(path:reason:)`` says why.
    public func appendCopies(_ entries: [ChainEntry]) async throws {
        guard let first = entries.first else { return }
        let display = location.display
        try await gate.run { connection in
            try await Self.inTransaction(connection) {
                let (sequence, head) = try await Self.lockedChainHead(connection)
                guard first.record.sequence == sequence + 1, first.record.previousHash == head else {
                    throw RecordStoreError.cannotOpen(
                        path: display,
                        reason: "record \(first.record.sequence) does not follow the stored head (record \(sequence))")
                }
                var rows = InsertColumns()
                for entry in entries { rows.append(entry.record, importKey: entry.importKey) }
                try await rows.insert(on: connection)
            }
        }
    }

    /// Adds marks of used invitation links (those already there are kept).
    public func addInvitationMarks(_ marks: [InvitationMark]) async throws {
        guard !marks.isEmpty else { return }
        try await gate.run { connection in
            for mark in marks {
                try await connection.query(
                    """
                    INSERT INTO invitation_redemptions (id, person, redeemed_at, expires)
                    VALUES (\(mark.id), \(mark.person), \(mark.redeemedAt), \(mark.expires)) ON CONFLICT (id) DO NOTHING
                    """, logger: Self.logger)
            }
        }
    }

    /// Adds reminder ledger rows as they are (those already there, by channel, recipient and digest,
    /// are kept), so that people are not reminded again after a move from SQLite.
    public func addReminderLog(_ entries: [ReminderLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await gate.run { connection in
            for entry in entries {
                let items = entry.items.joined(separator: "\n")
                try await connection.query(
                    """
                    INSERT INTO reminder_ledger (channel, recipient, digest, stage, items, state, claimed_at,
                        finished_at, detail, attempts)
                    VALUES (\(entry.channel), \(entry.recipient), \(entry.digest), \(entry.stage), \(items),
                        \(entry.state.rawValue), \(entry.claimedAt), \(entry.finishedAt), \(entry.detail), \(entry.attempts))
                    ON CONFLICT (channel, recipient, digest) DO NOTHING
                    """, logger: Self.logger)
            }
        }
    }
}
