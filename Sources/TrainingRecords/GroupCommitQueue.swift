/// Batches concurrent appends into one write transaction (group commit).
///
/// A single-row commit with `synchronous=FULL` costs one fsync; at a training rush that bounds the
/// store to a few thousand attempts a second. Here every caller queues its attempts and waits; one
/// drain loop runs one transaction at a time, and each transaction takes everything queued when it
/// gathers, resumes each waiter with its own outcome, and repeats while more arrived meanwhile. A
/// waiter resumes only after the transaction holding its attempts has committed, so durability is
/// unchanged.
///
/// A transaction gathers as late as it can: PostgreSQL's, after its chain lock is granted, so that
/// the callers who arrived while another instance held the lock join this transaction instead of
/// waiting for the next one.
public actor GroupCommitQueue {
    /// Hands the transaction the attempts queued by now, one entry per caller (once per transaction).
    public typealias Gather = @Sendable () async -> [[NewAttempt]]

    /// Writes one transaction: calls `gather` once, then returns one outcome per gathered entry.
    /// Throws when the whole transaction failed: every gathered caller gets the error, or, when it
    /// failed before gathering, every caller queued then.
    public typealias Commit =
        @Sendable (_ gather: @escaping Gather) async throws -> [Result<
            [AttemptRecord], any Error
        >]

    private struct Pending {
        var attempts: [NewAttempt]
        var continuation: CheckedContinuation<[AttemptRecord], any Error>
    }

    private let commit: Commit
    /// Callers per transaction at most, to bound the latency of one batch.
    private let maximumBatchCount: Int
    private var pending: [Pending] = []
    private var isDraining = false
    /// The transaction running now, and whether it has gathered: a gather of a transaction that
    /// ended (its work abandoned as hung) takes nothing.
    private var round = 0
    private var gatheredRound = 0
    private var gathered: [Pending] = []

    public init(maximumBatchCount: Int = 512, commit: @escaping Commit) {
        self.maximumBatchCount = maximumBatchCount
        self.commit = commit
    }

    /// Callers waiting for a transaction that has not gathered yet.
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
            round += 1
            let thisRound = round
            // The actor is free while the transaction runs, so callers queue meanwhile.
            let outcome: Result<[Result<[AttemptRecord], any Error>], any Error>
            do {
                outcome = .success(try await commit { await self.gather(round: thisRound) })
            } catch {
                outcome = .failure(error)
            }
            if gatheredRound != thisRound { _ = gather(round: thisRound) }
            let batch = gathered
            gathered = []
            round += 1  // ends this round for any gather still to come from its work
            switch outcome {
            case .success(let outcomes):
                for (index, entry) in batch.enumerated() {
                    entry.continuation.resume(
                        with: index < outcomes.count ? outcomes[index] : .failure(Self.noOutcome))
                }
            case .failure(let error):
                for entry in batch { entry.continuation.resume(throwing: error) }
            }
        }
        isDraining = false
    }

    /// For a caller the committer gave no outcome (it broke its contract): never silently a success.
    private static let noOutcome = RecordStoreError.unavailable(
        reason: "the store gave no outcome for this submission; submit it again")

    private func gather(round: Int) -> [[NewAttempt]] {
        guard round == self.round, gatheredRound != round else { return [] }
        gatheredRound = round
        let count = min(pending.count, maximumBatchCount)
        gathered = Array(pending.prefix(count))
        pending.removeFirst(count)
        return gathered.map(\.attempts)
    }
}
