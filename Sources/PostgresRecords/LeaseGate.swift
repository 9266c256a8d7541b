import Foundation
import PostgresNIO

/// The outcome of one operation on a pooled connection, decided once: the work's own result, or
/// "unavailable" when no connection came in time (nothing was written), or when the connection
/// stopped answering mid-way (it is then closed, so the server rolls back what was not committed).
///
/// A lock rather than an actor: the timer and the work settle it synchronously, and the caller is
/// resumed exactly once, even when the work never returns (a query on a connection that the
/// server dropped can wait for ever).
final class LeaseGate<T: Sendable>: @unchecked Sendable {
    private enum State {
        case waiting
        case running(PostgresConnection)
        case settled
    }

    private let lock = NSLock()
    private var state = State.waiting
    private var continuation: CheckedContinuation<Result<T, any Error>, Never>?
    private var timer: Task<Void, Never>?

    init(_ continuation: CheckedContinuation<Result<T, any Error>, Never>) {
        self.continuation = continuation
    }

    /// Keeps the timer, to cancel it when the work settles first.
    func keep(timer: Task<Void, Never>) {
        lock.lock()
        let settled = if case .settled = state { true } else { false }
        if !settled { self.timer = timer }
        lock.unlock()
        if settled { timer.cancel() }
    }

    /// Called with the connection in hand: true when the work may run.
    func start(on connection: PostgresConnection) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard case .waiting = state else { return false }
        state = .running(connection)
        return true
    }

    /// The work's own result (ignored when the gate was settled already).
    func finish(_ result: Result<T, any Error>) {
        settle(result) { _ in true }
    }

    /// At the connection deadline: settles with `error` when the work has not started (it never will).
    func expireIfWaiting(_ error: any Error) -> Bool {
        settle(.failure(error)) { state in if case .waiting = state { true } else { false } } != nil
    }

    /// At the running deadline: settles with `error` when the work is still running, and returns its
    /// connection (to be closed).
    func abandonIfRunning(_ error: any Error) -> PostgresConnection? {
        var connection: PostgresConnection?
        _ = settle(.failure(error)) { state in
            if case .running(let running) = state {
                connection = running
                return true
            }
            return false
        }
        return connection
    }

    /// Settles once, when `applies` says so for the current state; the state it settled from.
    @discardableResult
    private func settle(_ result: Result<T, any Error>, when applies: (State) -> Bool) -> State? {
        lock.lock()
        if case .settled = state {
            lock.unlock()
            return nil
        }
        guard applies(state) else {
            lock.unlock()
            return nil
        }
        let previous = state
        state = .settled
        let continuation = self.continuation
        self.continuation = nil
        let timer = self.timer
        self.timer = nil
        lock.unlock()
        timer?.cancel()
        continuation?.resume(returning: result)
        return previous
    }
}
