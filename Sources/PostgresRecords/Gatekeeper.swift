import PostgresNIO
import TrainingRecords

/// Runs work on a pooled connection with two deadlines (see ``LeaseGate``): no connection within
/// `wait` (the server is down or restarting) fails it as unavailable before anything is written;
/// work still running after `runningLimit` more (the server went away mid-query and the connection
/// does not notice) fails it as unavailable and closes that connection, so that the server rolls
/// back whatever it had not committed. While the server is down, callers get a prompt, clear
/// answer instead of waiting on the pool's reconnection attempts.
struct Gatekeeper: Sendable {
    let client: PostgresClient
    let location: PostgresLocation
    let wait: Duration
    /// Nil for reads that may take long (a whole chain); they can only wait.
    let runningLimit: Duration?

    func run<T: Sendable>(_ work: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let client = client, wait = wait, runningLimit = runningLimit
        let server = "\(location.host):\(location.port)"
        let outcome: Result<T, any Error> = await withCheckedContinuation { continuation in
            let gate = LeaseGate<T>(continuation)
            let task = Task {
                do {
                    let value = try await client.withConnection { connection in
                        guard gate.start(on: connection) else { throw CancellationError() }
                        return try await work(connection)
                    }
                    gate.finish(.success(value))
                } catch {
                    gate.finish(.failure(error))
                }
            }
            gate.keep(
                timer: Task {
                    guard (try? await Task.sleep(for: wait)) != nil else { return }
                    let late = RecordStoreError.unavailable(
                        reason: "no connection to PostgreSQL at \(server) within \(wait.components.seconds) s "
                            + "(the server is down or restarting); nothing was written")
                    if gate.expireIfWaiting(late) {
                        task.cancel()  // the pool's wait for a connection ends
                        return
                    }
                    guard let runningLimit, (try? await Task.sleep(for: runningLimit)) != nil else { return }
                    let silent = RecordStoreError.unavailable(
                        reason: "PostgreSQL at \(server) stopped answering; the connection was closed (the "
                            + "server rolls back what it had not committed)")
                    if let connection = gate.abandonIfRunning(silent) { Self.closeAtOnce(connection) }
                })
        }
        switch outcome {
        case .success(let value): return value
        case .failure(let error as RecordStoreError): throw error
        case .failure(let error):
            throw RecordStoreError.unavailable(reason: PostgresFailure.reason(error, location: location))
        }
    }

    /// Closes the channel without waiting for it.
    private static func closeAtOnce(_ connection: PostgresConnection) {
        _ = connection.close() as EventLoopFuture<Void>
    }
}
