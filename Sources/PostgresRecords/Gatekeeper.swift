import PostgresNIO
import TrainingRecords

/// Runs work on a pooled connection, or fails it as unavailable when no connection comes within
/// `wait` (see ``LeaseGate``): while the server is down, callers get a prompt, clear answer
/// instead of waiting on the pool's reconnection attempts.
struct Gatekeeper: Sendable {
    let client: PostgresClient
    let location: PostgresLocation
    let wait: Duration

    func run<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let gate = LeaseGate()
        let client = client
        let task = Task {
            try await client.withConnection { connection in
                guard await gate.start() else { throw CancellationError() }
                return try await work(connection)
            }
        }
        let wait = wait
        let outcome: Result<T, any Error>? = await withTaskGroup(of: Result<T, any Error>?.self) { group in
            group.addTask { await task.result }
            group.addTask {
                guard (try? await Task.sleep(for: wait)) != nil, await gate.expire() else { return nil }
                // Not started: the pool's wait for a connection is cancelled; nothing was written.
                task.cancel()
                return .failure(
                    RecordStoreError.unavailable(
                        reason: "no connection to PostgreSQL at \(location.host):\(location.port) within "
                            + "\(wait.components.seconds) s (the server is down or restarting); nothing was written"))
            }
            var first: Result<T, any Error>?
            while let next = await group.next() {
                if let next {
                    first = next
                    group.cancelAll()
                    break
                }
            }
            return first
        }
        switch outcome {
        case .success(let value)?: return value
        case .failure(let error)?:
            if error is RecordStoreError { throw error }
            throw RecordStoreError.unavailable(reason: PostgresFailure.reason(error, location: location))
        case nil: throw RecordStoreError.unavailable(reason: "the operation was cancelled")
        }
    }
}
