import Testing

@testable import TrainingRecords

/// Records the size of each batch and holds the first transaction open until released.
private actor CommitLog {
    private(set) var batchSizes: [Int] = []
    private var release: CheckedContinuation<Void, Never>?
    private var released = false

    func commit(_ batch: [[NewAttempt]]) async -> [Result<[AttemptRecord], any Error>] {
        batchSizes.append(batch.count)
        if batchSizes.count == 1, !released { await withCheckedContinuation { release = $0 } }
        return batch.map { attempts in
            .success(
                attempts.map { Fixtures.record(sequence: 1, person: $0.person, recordedAt: "2026-01-01T00:00:00.000Z") }
            )
        }
    }

    func open() {
        released = true
        release?.resume()
        release = nil
    }
}

@Suite struct GroupCommitQueueTests {
    @Test func callersArrivingDuringATransactionShareTheNextOne() async throws {
        let log = CommitLog()
        let queue = GroupCommitQueue { batch in await log.commit(batch) }
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

    @Test func aFailedEntryFailsOnlyItsCaller() async throws {
        struct Refused: Error {}
        let queue = GroupCommitQueue { batch in
            batch.map { attempts in
                attempts.first?.person == "bad@example.com"
                    ? .failure(Refused())
                    : .success(
                        attempts.map {
                            Fixtures.record(sequence: 1, person: $0.person, recordedAt: "2026-01-01T00:00:00.000Z")
                        })
            }
        }
        let good = Task { try await queue.submit([Fixtures.attempt(person: "good@example.com")]) }
        let bad = Task { try await queue.submit([Fixtures.attempt(person: "bad@example.com")]) }
        #expect(try await good.value.map(\.person) == ["good@example.com"])
        await #expect(throws: Refused.self) { try await bad.value }
    }
}
