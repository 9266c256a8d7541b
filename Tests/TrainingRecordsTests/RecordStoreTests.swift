import Foundation
import Testing

@testable import TrainingRecords

/// One suite, every store: SQLite and PostgreSQL must behave the same behind ``RecordStore``.
@Suite struct RecordStoreTests {
    @Test(arguments: StoreKind.allCases)
    func aRecordSurvivesClosingAndReopening(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        defer { made.cleanUp() }
        let stored = try await made.store.append(Fixtures.attempt())
        try await made.store.close()

        let reopened = try await made.openAnother()
        let records = try await reopened.allRecords()
        #expect(records == [stored])
        #expect(stored.sequence == 1)
        #expect(stored.previousHash == "")
        #expect(stored.hash == stored.computedHash)
        #expect(UTCTimestamp(parsing: stored.recordedAt)?.iso8601 == stored.recordedAt)
        #expect(try await reopened.verifyChain(expectedHead: stored.hash).isIntact)
        try await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func anInvitationIsRedeemedOnceAcrossReopeningAndRacingRequests(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        defer { made.cleanUp() }
        let farFuture: Int64 = 4_000_000_000
        let store = made.store
        // Eight requests race to use one link: exactly one signs in.
        let results = try await withThrowingTaskGroup(of: InvitationRedemption.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await store.redeemInvitation(id: "n1", person: "Bob@Example.com", expires: farFuture)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == .first }.count == 1)
        try await store.close()

        let reopened = try await made.openAnother()
        guard
            case .alreadyRedeemed(let at) = try await reopened.redeemInvitation(
                id: "n1", person: "bob@example.com", expires: farFuture)
        else {
            Issue.record("a used link signed in again after reopening")
            return
        }
        #expect(UTCTimestamp(parsing: at) != nil)
        #expect(try await reopened.redeemInvitation(id: "n2", person: "bob@example.com", expires: farFuture) == .first)
        // The mark of a link past its expiry is dropped (by the next redemption): it could not sign in anyway.
        #expect(try await reopened.redeemInvitation(id: "old", person: "a@example.com", expires: 1) == .first)
        _ = try await reopened.redeemInvitation(id: "n3", person: "a@example.com", expires: farFuture)
        #expect(try await reopened.redeemInvitation(id: "old", person: "a@example.com", expires: 1) == .first)
        // The attempts' chain is untouched.
        #expect(try await reopened.allRecords().isEmpty)
        try await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func twoInstancesRacingOneInvitationLetOneIn(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        defer { made.cleanUp() }
        let other = try await made.openAnother()
        let stores = [made.store, other]
        let results = try await withThrowingTaskGroup(of: InvitationRedemption.self) { group in
            for index in 0..<16 {
                let store = stores[index % 2]
                group.addTask {
                    try await store.redeemInvitation(id: "race", person: "c@example.com", expires: 4_000_000_000)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == .first }.count == 1)
        try await other.close()
        await made.finish()
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentAppendsKeepOneValidChain(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        let store = made.store
        let returned = try await withThrowingTaskGroup(of: AttemptRecord.self) { group in
            for index in 0..<200 {
                group.addTask { try await store.append(Fixtures.attempt(person: "p\(index)@example.com")) }
            }
            var records: [AttemptRecord] = []
            for try await record in group { records.append(record) }
            return records
        }
        let stored = try await store.allRecords()
        #expect(stored.map(\.sequence) == Array(1...200))
        #expect(Set(stored.map(\.person)).count == 200)
        #expect(Set(stored.map(\.id)).count == 200)
        #expect(returned.sorted { $0.sequence < $1.sequence } == stored, "each caller got its record as stored")
        let verification = try await store.verifyChain(expectedHead: nil)
        #expect(verification.isIntact)
        #expect(verification.recordCount == 200)
        #expect(verification.head == stored.last?.hash)
        #expect(ChainVerifier.verify(stored).isIntact)
        await made.finish()
    }

    /// Two stores on the same records (two server instances) appending at once: one chain, no
    /// sequence taken twice, every returned record stored as returned.
    @Test(arguments: StoreKind.allCases)
    func twoInstancesAppendingTogetherKeepOneChain(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        let other = try await made.openAnother()
        let stores = [made.store, other]
        let returned = try await withThrowingTaskGroup(of: AttemptRecord.self) { group in
            for index in 0..<300 {
                let store = stores[index % 2]
                group.addTask { try await store.append(Fixtures.attempt(person: "i\(index)@example.com")) }
            }
            var records: [AttemptRecord] = []
            for try await record in group { records.append(record) }
            return records
        }
        let stored = try await other.allRecords()
        #expect(stored.map(\.sequence) == Array(1...300))
        #expect(returned.sorted { $0.sequence < $1.sequence } == stored)
        let verification = try await made.store.verifyChain(expectedHead: nil)
        #expect(verification.isIntact)
        #expect(verification.recordCount == 300)
        try await other.close()
        await made.finish()
    }

    @Test(arguments: StoreKind.allCases)
    func appendContentsOfChainsInOrder(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        let store = made.store
        _ = try await store.append(Fixtures.attempt())
        let batch = try await store.append(contentsOf: (0..<5).map { Fixtures.attempt(person: "b\($0)@example.com") })
        #expect(batch.map(\.sequence) == [2, 3, 4, 5, 6])
        #expect(batch.map(\.person) == (0..<5).map { "b\($0)@example.com" })
        for (previous, next) in zip(batch.dropLast(), batch.dropFirst()) { #expect(next.previousHash == previous.hash) }
        #expect(try await store.append(contentsOf: []) == [])
        #expect(try await store.allRecords() == [try await store.allRecords()[0]] + batch)
        await made.finish()
    }

    @Test(arguments: StoreKind.allCases)
    func importKeysAreStoredOnce(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        let store = made.store
        let attempts = [
            Fixtures.attempt(recordedAt: "2026-01-02T00:00:00.000Z", importKey: "import:1"),
            Fixtures.attempt(recordedAt: "2026-01-03T00:00:00.000Z", importKey: "import:2"),
            Fixtures.attempt(recordedAt: "2026-01-03T00:00:00.000Z", importKey: "import:2"),
        ]
        let first = try await store.append(contentsOf: attempts)
        #expect(first.map(\.recordedAt) == ["2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"])
        let second = try await store.append(contentsOf: attempts)
        #expect(second.isEmpty)
        await #expect(throws: RecordStoreError.duplicateImport(key: "import:1")) {
            try await store.append(attempts[0])
        }
        // A duplicate in one caller's batch does not fail the others committed with it.
        async let plain = store.append(Fixtures.attempt(person: "x@example.com"))
        async let duplicate: AttemptRecord? = try? await store.append(attempts[1])
        let (stored, refused) = try await (plain, duplicate)
        #expect(stored.person == "x@example.com")
        #expect(refused == nil)
        #expect(try await store.allRecords().count == 3)
        #expect(try await store.verifyChain(expectedHead: nil).isIntact)
        await made.finish()
    }

    @Test(arguments: StoreKind.allCases)
    func recordsOfOnePerson(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        let store = made.store
        _ = try await store.append(Fixtures.attempt(person: "ana@example.com"))
        _ = try await store.append(Fixtures.attempt(person: "bo@example.com"))
        _ = try await store.append(Fixtures.attempt(person: "Ana@Example.com", passed: false, score: 50))
        let ana = try await store.records(person: "ANA@example.com")
        #expect(ana.map(\.sequence) == [1, 3])
        #expect(ana.map(\.passed) == [true, false])
        await made.finish()
    }

    @Test(arguments: StoreKind.allCases)
    func trainingRecordsHoldTheLatestPassPerQuizAndTheRecentHistory(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        let store = made.store
        _ = try await store.append(Fixtures.attempt(quiz: "keys", recordedAt: "2026-03-01T10:00:00.000Z"))  // 1
        _ = try await store.append(Fixtures.attempt(quiz: "keys", recordedAt: "2026-05-01T10:00:00.000Z"))  // 2
        // An import of an older completion arrives later: not the latest pass.
        _ = try await store.append(Fixtures.attempt(quiz: "keys", recordedAt: "2025-01-01T10:00:00.000Z"))  // 3
        _ = try await store.append(Fixtures.attempt(quiz: "sharing", passed: false, score: 20))  // 4
        _ = try await store.append(Fixtures.attempt(person: "bo@example.com", quiz: "sharing"))  // 5
        _ = try await store.append(Fixtures.attempt(quiz: "sharing", recordedAt: "2026-06-01T10:00:00.000Z"))  // 6
        let summary = try await store.trainingRecords(person: "Ana@example.com", recentLimit: 2)
        #expect(summary.latestPasses.map(\.sequence) == [2, 6])
        #expect(summary.recent.map(\.sequence) == [4, 6])
        #expect(summary.total == 5)
        // The store's query agrees with picking from all of the person's records.
        let picked = PersonTrainingRecords(records: try await store.records(person: "ana@example.com"), recentLimit: 2)
        #expect(picked == summary)
        await made.finish()
    }

    @Test(arguments: StoreKind.allCases)
    func unusualTextIsStoredAndHashedExactly(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        let store = made.store
        let text = "Zoë \"quoted\" \\ tab\t newline\n <script>alert(1)</script> 🙂"
        let attempt = NewAttempt(
            person: "zoe@example.com", quizID: "q-\(text)", quizContentSHA256: String(repeating: "0", count: 64),
            policyVersions: [text: "1.0", "é": "2"], answers: ["1": [text, "b"], "10": []], scorePercent: 0,
            passed: false, identitySource: "api")
        let stored = try await store.append(attempt)
        let read = try await store.allRecords()
        #expect(read == [stored])
        #expect(read.first?.computedHash == stored.hash)
        await made.finish()
    }

    @Test(arguments: StoreKind.allCases)
    func acceptancesJoinTheChainAndAreReadBack(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        defer { made.cleanUp() }
        let store = made.store
        let attempt = try await store.append(Fixtures.attempt())
        let accepted = try await store.append(Fixtures.acceptance(person: "Ana@Example.com"))
        _ = try await store.append(Fixtures.acceptance(person: "bo@example.com", policy: "key-sharing", version: "1.2"))
        let later = try await store.append(Fixtures.attempt(passed: false, score: 10))
        #expect(accepted.kind == .acceptance)
        #expect(accepted.person == "ana@example.com")
        #expect(accepted.acceptedPolicy?.id == "key-storage")
        #expect(accepted.acceptedPolicy?.version == "3.1")
        #expect(accepted.previousHash == attempt.hash)
        #expect(accepted.canonicalContent.contains(#""identity_source":"dev","kind":"acceptance","passed":false"#))
        #expect(!attempt.canonicalContent.contains("kind"), "attempts hash as before acceptances existed")
        #expect(try await store.acceptances(person: "ANA@example.com") == [accepted])
        let summary = try await store.trainingRecords(person: "ana@example.com", recentLimit: 10)
        #expect(summary.acceptances == [accepted])
        #expect(summary.latestPasses == [attempt], "an acceptance is never a quiz pass")
        #expect(summary.recent.map(\.sequence) == [1, 2, 4])
        #expect(
            summary
                == PersonTrainingRecords(records: try await store.records(person: "ana@example.com"), recentLimit: 10))
        try await store.close()

        let reopened = try await made.openAnother()
        let records = try await reopened.allRecords()
        #expect(records.map(\.kind) == [.attempt, .acceptance, .acceptance, .attempt])
        #expect(records.last == later)
        let verification = try await reopened.verifyChain(expectedHead: later.hash)
        #expect(verification.isIntact)
        #expect(verification.recordCount == 4)
        // An acceptance passed off as an attempt no longer matches its hash.
        var forged = records[1]
        forged.kind = .attempt
        #expect(ChainVerifier.verify([records[0], forged] + records.dropFirst(2)).problem?.kind == .edited)
        try await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aReminderIsClaimedOnceByRacingRunsAndRetriedOnlyAfterFailing(_ kind: StoreKind) async throws {
        let made = try await kind.makeStore()
        defer { made.cleanUp() }
        let other = try await made.openAnother()
        let stores = [made.store, other]
        let claim = ReminderClaim(
            channel: "email", recipient: "Ana@Example.com", digest: "d1", stage: "before-3",
            items: ["ana@example.com|keys|2026-12-05|before-3", "ana@example.com|sharing|2026-12-20|before-14"])
        // Sixteen claims from two instances at once: exactly one run may send it.
        let outcomes = try await withThrowingTaskGroup(of: ReminderClaimOutcome.self) { group in
            for index in 0..<16 {
                let store = stores[index % 2]
                group.addTask { try await store.claimReminder(claim) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .claimed }.count == 1)
        #expect(outcomes.allSatisfy { if case .inProgress = $0 { true } else { $0 == .claimed } })
        // A failed send is claimed again (retried); a sent one never.
        try await other.finishReminder(claim, sent: false, detail: "550 no such user")
        var log = try await made.store.reminderLog()
        #expect(log.count == 1)
        #expect(log.first?.state == .failed)
        #expect(log.first?.detail == "550 no such user")
        #expect(log.first?.recipient == "ana@example.com")
        #expect(log.first?.items == claim.items)
        #expect(try await made.store.claimReminder(claim) == .claimed)
        try await made.store.finishReminder(claim, sent: true, detail: nil)
        guard case .alreadySent(let at) = try await other.claimReminder(claim) else {
            Issue.record("a sent reminder was claimed again")
            return
        }
        #expect(UTCTimestamp(parsing: at) != nil)
        log = try await other.reminderLog()
        #expect(log.map(\.state) == [.sent])
        #expect(log.first?.attempts == 2)
        // A claim left `sending` (the run died) stays so: never claimed again by itself.
        let stuck = ReminderClaim(
            channel: "webhook", recipient: "bo@example.com", digest: "d2", stage: "due", items: [])
        #expect(try await other.claimReminder(stuck) == .claimed)
        guard case .inProgress = try await made.store.claimReminder(stuck) else {
            Issue.record("a claim left sending was claimed again")
            return
        }
        // Finishing a message that is not `sending` changes nothing.
        try await other.finishReminder(claim, sent: false, detail: "late")
        #expect(try await other.reminderLog().first { $0.digest == "d1" }?.state == .sent)
        // The attempts' chain is untouched.
        #expect(try await other.allRecords().isEmpty)
        try await other.close()
        try await made.store.close()
    }
}
