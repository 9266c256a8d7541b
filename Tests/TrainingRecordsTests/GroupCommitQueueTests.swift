import Testing

@testable import TrainingRecords

/// Records the size of each batch and holds the first transaction open until released, either
/// before it gathers (as PostgreSQL waits for its chain lock) or after.
private actor CommitLog {
    private(set) var batchSizes: [Int] = []
    private(set) var started = 0
    private var release: CheckedContinuation<Void, Never>?
    private var released = false
    let holdBeforeGathering: Bool

    init(holdBeforeGathering: Bool) { self.holdBeforeGathering = holdBeforeGathering }

    func commit(_ gather: GroupCommitQueue.Gather) async -> [Result<[AttemptRecord], any Error>] {
        started += 1
        if holdBeforeGathering { await holdFirst() }
        let batch = await gather()
        batchSizes.append(batch.count)
        if !holdBeforeGathering { await holdFirst() }
        return batch.map { attempts in .success(attempts.map(Fixtures.stored)) }
    }

    private func holdFirst() async {
        if started == 1, !released { await withCheckedContinuation { release = $0 } }
    }

    func open() {
        released = true
        release?.resume()
        release = nil
    }
}

extension Fixtures {
    static func stored(_ attempt: NewAttempt) -> AttemptRecord {
        record(sequence: 1, person: attempt.person, recordedAt: "2026-01-01T00:00:00.000Z")
    }
}

@Suite struct GroupCommitQueueTests {
    @Test func callersArrivingDuringATransactionShareTheNextOne() async throws {
        let log = CommitLog(holdBeforeGathering: false)
        let queue = GroupCommitQueue { gather in await log.commit(gather) }
        let first = Task { try await queue.submit([Fixtures.attempt(person: "first@example.com")]) }
        while await log.batchSizes.isEmpty { await Task.yield() }
        // The first transaction is running: ten more callers arrive meanwhile.
        let others = (0..<10).map { index in
            Task { try await queue.submit([Fixtures.attempt(person: "p\(index)@example.com")]) }
        }
        while await queue.waitingCount < 10 { await Task.yield() }
        await log.open()

        #expect(try await first.value.map(\.person) == ["first@example.com"])
        for (index, task) in others.enumerated() {
            #expect(try await task.value.map(\.person) == ["p\(index)@example.com"], "each caller gets its own records")
        }
        #expect(await log.batchSizes == [1, 10])
    }

    @Test func callersArrivingBeforeTheTransactionGathersJoinIt() async throws {
        let log = CommitLog(holdBeforeGathering: true)
        let queue = GroupCommitQueue { gather in await log.commit(gather) }
        let first = Task { try await queue.submit([Fixtures.attempt(person: "first@example.com")]) }
        while await log.started == 0 { await Task.yield() }
        // The transaction waits (for the chain lock) before it gathers: ten more callers arrive.
        let others = (0..<10).map { index in
            Task { try await queue.submit([Fixtures.attempt(person: "p\(index)@example.com")]) }
        }
        while await queue.waitingCount < 11 { await Task.yield() }
        await log.open()

        #expect(try await first.value.map(\.person) == ["first@example.com"])
        for (index, task) in others.enumerated() {
            #expect(try await task.value.map(\.person) == ["p\(index)@example.com"])
        }
        #expect(await log.batchSizes == [11], "one transaction for all eleven")
    }

    @Test func aFailedEntryFailsOnlyItsCaller() async throws {
        struct Refused: Error {}
        let queue = GroupCommitQueue { gather in
            await gather().map { attempts in
                attempts.first?.person == "bad@example.com"
                    ? .failure(Refused()) : .success(attempts.map(Fixtures.stored))
            }
        }
        let good = Task { try await queue.submit([Fixtures.attempt(person: "good@example.com")]) }
        let bad = Task { try await queue.submit([Fixtures.attempt(person: "bad@example.com")]) }
        #expect(try await good.value.map(\.person) == ["good@example.com"])
        await #expect(throws: Refused.self) { try await bad.value }
    }

    @Test func aTransactionThatFailsBeforeGatheringFailsTheCallersQueuedThen() async throws {
        struct Unreachable: Error {}
        let queue = GroupCommitQueue { _ in throw Unreachable() }
        await #expect(throws: Unreachable.self) {
            try await queue.submit([Fixtures.attempt(person: "a@example.com")])
        }
        // The queue carries on: the next caller gets its own answer, not a hang.
        await #expect(throws: Unreachable.self) {
            try await queue.submit([Fixtures.attempt(person: "b@example.com")])
        }
    }

    @Test func aGatherFromATransactionThatEndedTakesNothing() async throws {
        let stray = StrayGather()
        let queue = GroupCommitQueue { gather in
            // The first transaction is given up (as a hung connection is) before it gathers;
            // its gather is kept and called later.
            if await stray.keep(gather) { throw CancellationError() }
            return await gather().map { .success($0.map(Fixtures.stored)) }
        }
        await #expect(throws: CancellationError.self) {
            try await queue.submit([Fixtures.attempt(person: "a@example.com")])
        }
        let second = Task { try await queue.submit([Fixtures.attempt(person: "b@example.com")]) }
        #expect(await stray.callKept().isEmpty, "the ended transaction's gather takes no caller")
        #expect(try await second.value.map(\.person) == ["b@example.com"])
    }
}

/// Keeps the first transaction's gather, to call it after that transaction ended.
private actor StrayGather {
    private var kept: GroupCommitQueue.Gather?

    func keep(_ gather: @escaping GroupCommitQueue.Gather) -> Bool {
        guard kept == nil else { return false }
        kept = gather
        return true
    }

    func callKept() async -> [[NewAttempt]] { await kept?() ?? [] }
}
