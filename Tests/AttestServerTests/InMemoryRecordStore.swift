import Foundation
import TrainingRecords

/// A RecordStore kept in memory, for the server's tests; it can be told to fail.
actor InMemoryRecordStore: RecordStore {
    private(set) var stored: [AttemptRecord] = []
    private var failing = false
    private var redeemed: [String: String] = [:]

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
}
