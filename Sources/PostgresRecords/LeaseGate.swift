/// Decides, once, whether work that waits for a pooled connection still runs when it gets one, or
/// was given up because the connection did not come in time (the database is down or restarting).
///
/// Work that started is never abandoned half-way: a transaction that began runs to its commit or
/// its error, so a caller told "unavailable" can rely on nothing having been written for it.
actor LeaseGate {
    private enum State { case waiting, running, expired }
    private var state = State.waiting

    /// Called with the connection in hand: true when the work may run.
    func start() -> Bool {
        guard state == .waiting else { return false }
        state = .running
        return true
    }

    /// Called at the deadline: true when the work had not started and now never will.
    func expire() -> Bool {
        guard state == .waiting else { return false }
        state = .expired
        return true
    }
}
