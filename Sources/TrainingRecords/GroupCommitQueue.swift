/// Batches concurrent appends into one write transaction (group commit).
///
/// A single-row commit with `synchronous=FULL` costs one fsync; at a training rush that bounds the
/// store to a few thousand attempts a second. Here every caller queues its attempts and waits; one
/// drain loop takes everything queued, commits it in one transaction, resumes each waiter with its
/// own outcome, and repeats while more arrived meanwhile. A waiter resumes only after the transaction
/// holding its attempts has committed, so durability is unchanged.
public actor GroupCommitQueue {
    /// Writes the batch (one entry per caller) in one transaction and returns one outcome per entry.
    public typealias Commit = @Sendable ([[NewAttempt]]) async -> [Result<[AttemptRecord], any Error>]

    private struct Pending {
        var attempts: [NewAttempt]
        var continuation: CheckedContinuation<[AttemptRecord], any Error>
    }

    private let commit: Commit
    /// Callers per transaction at most, to bound the latency of one batch.
    private let maximumBatchCount: Int
    private var pending: [Pending] = []
    private var isDraining = false

    public init(maximumBatchCount: Int = 512, commit: @escaping Commit) {
        self.maximumBatchCount = maximumBatchCount
        self.commit = commit
    }

    /// Callers waiting for a transaction that has not started yet.
    var waitingCount: Int { pending.count }

    /// Queues `attempts` and returns their records once the batch holding them has committed.
    public func submit(_ attempts: [NewAttempt]) async throws -> [AttemptRecord] {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(Pending(attempts: attempts, continuation: continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let count = min(pending.count, maximumBatchCount)
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            // The actor is free while the transaction runs, so the next batch gathers meanwhile.
            let outcomes = await commit(batch.map(\.attempts))
            for (entry, outcome) in zip(batch, outcomes) { entry.continuation.resume(with: outcome) }
        }
        isDraining = false
    }
}
