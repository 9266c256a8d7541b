import Foundation
import TrainingRecords

/// A RecordStore kept in memory, for the server's tests; it can be told to fail.
actor InMemoryRecordStore: RecordStore {
    private(set) var stored: [AttemptRecord] = []
    private var failing = false
    private var redeemed: [String: String] = [:]
    private(set) var ledger: [ReminderLogEntry] = []

    func failNextAppends(_ fail: Bool) { failing = fail }

    func close() {}

    func append(_ attempt: NewAttempt) async throws -> AttemptRecord {
        try append(contentsOf: [attempt])[0]
    }

    func append(contentsOf attempts: [NewAttempt]) throws -> [AttemptRecord] {
        struct StoreFailure: Error {}
        if failing { throw StoreFailure() }
        var added: [AttemptRecord] = []
        for attempt in attempts {
            let record = attempt.record(
                sequence: Int64(stored.count + 1), id: UUID().uuidString, recordedAt: "2026-09-21T12:00:00.000Z",
                previousHash: stored.last?.hash ?? "")
            stored.append(record)
            added.append(record)
        }
        return added
    }

    func allRecords() async throws -> [AttemptRecord] { stored }

    func records(person: String) async throws -> [AttemptRecord] {
        stored.filter { $0.person == person.lowercased() }
    }

    func redeemInvitation(id: String, person: String, expires: Int64) async throws -> InvitationRedemption {
        if let earlier = redeemed[id] { return .alreadyRedeemed(at: earlier) }
        redeemed[id] = "2026-09-21T12:00:00.000Z"
        return .first
    }

    func claimReminder(_ claim: ReminderClaim) async throws -> ReminderClaimOutcome {
        let now = "2026-09-21T12:00:00.000Z"
        if let index = ledger.firstIndex(where: {
            ($0.channel, $0.recipient, $0.digest) == (claim.channel, claim.recipient, claim.digest)
        }) {
            switch ledger[index].state {
            case .sent: return .alreadySent(at: ledger[index].finishedAt ?? now)
            case .sending: return .inProgress(since: ledger[index].claimedAt)
            case .failed:
                ledger[index].state = .sending
                ledger[index].attempts += 1
                return .claimed
            }
        }
        ledger.append(
            ReminderLogEntry(
                channel: claim.channel, recipient: claim.recipient, digest: claim.digest, stage: claim.stage,
                items: claim.items, state: .sending, claimedAt: now, finishedAt: nil, detail: nil, attempts: 1))
        return .claimed
    }

    func finishReminder(_ claim: ReminderClaim, sent: Bool, detail: String?) async throws {
        guard
            let index = ledger.firstIndex(where: {
                ($0.channel, $0.recipient, $0.digest) == (claim.channel, claim.recipient, claim.digest)
            }), ledger[index].state == .sending
        else { return }
        ledger[index].state = sent ? .sent : .failed
        ledger[index].finishedAt = "2026-09-21T12:00:01.000Z"
        ledger[index].detail = detail
    }

    func reminderLog() async throws -> [ReminderLogEntry] { ledger }
}
