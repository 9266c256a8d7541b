/// Where attempts and policy acceptances are kept: one SQLite file (``SQLiteRecordStore``), or PostgreSQL for several
/// server instances sharing one chain (`PostgresRecordStore`, in the PostgresRecords target).
///
/// Every implementation is append-only and chains each record to the previous one by hash.
public protocol RecordStore: Sendable {
    /// Stores an attempt; when this returns, the record is durable (survives kill -9).
    /// Throws ``RecordStoreError/duplicateImport(key:)`` for an import key already stored.
    func append(_ attempt: NewAttempt) async throws -> AttemptRecord
    /// Stores several attempts atomically: all or none.
    ///
    /// Attempts whose ``NewAttempt/importKey`` is already stored (or repeated in `attempts`) are
    /// skipped, so the result holds only the records added, in order.
    func append(contentsOf attempts: [NewAttempt]) async throws -> [AttemptRecord]
    /// Every record, in sequence order.
    func allRecords() async throws -> [AttemptRecord]
    /// One person's records, in sequence order.
    func records(person: String) async throws -> [AttemptRecord]
    /// One person's latest pass of each quiz and `recentLimit` most recent records: a read whose
    /// size does not grow with the person's history.
    func trainingRecords(person: String, recentLimit: Int) async throws -> PersonTrainingRecords
    /// One person's policy acceptances (records of kind ``RecordKind/acceptance``), in sequence order.
    func acceptances(person: String) async throws -> [AttemptRecord]
    /// Marks the invitation `id` (its nonce) used by `person`, unless it was used before; durable
    /// when it returns, so that a link signs in once even across restarts and server instances.
    /// `expires` (seconds since 1970) is when the link stops being valid anyway: the mark may be
    /// forgotten after it. Invitations are kept apart from the attempts and their hash chain.
    func redeemInvitation(id: String, person: String, expires: Int64) async throws -> InvitationRedemption
    /// Claims a reminder message before it is sent (see ``ReminderDelivery``): one atomic step on the
    /// key (channel, recipient, digest), so that of two runs at once exactly one gets ``ReminderClaimOutcome/claimed``.
    /// A message that failed before is claimed again; one sent or still `sending` is not.
    func claimReminder(_ claim: ReminderClaim) async throws -> ReminderClaimOutcome
    /// Marks a claimed message sent, or failed with `detail` (then the next run retries it).
    func finishReminder(_ claim: ReminderClaim, sent: Bool, detail: String?) async throws
    /// Every row of the reminder ledger, by claim time.
    func reminderLog() async throws -> [ReminderLogEntry]
    /// Walks every record in sequence order with ``ChainVerifier``; with `expectedHead`, that record
    /// must still be in the chain.
    func verifyChain(expectedHead: String?) async throws -> ChainVerification
    /// Releases the store's files or connections; it cannot be used afterwards.
    func close() async throws
}

extension RecordStore {
    /// Verifies ``allRecords()``; stores that can stream override it.
    public func verifyChain(expectedHead: String?) async throws -> ChainVerification {
        ChainVerifier.verify(try await allRecords(), expectedHead: expectedHead)
    }

    /// Picks from ``records(person:)``; stores that can query more narrowly override it.
    public func acceptances(person: String) async throws -> [AttemptRecord] {
        try await records(person: person).filter { $0.kind == .acceptance }
    }

    /// Picks from ``records(person:)``; stores that can query more narrowly override it.
    public func trainingRecords(person: String, recentLimit: Int) async throws -> PersonTrainingRecords {
        PersonTrainingRecords(records: try await records(person: person), recentLimit: recentLimit)
    }
}
