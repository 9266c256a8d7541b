import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Remembers whether a child process has finished, so that a timeout kills only a live child.
final class ProcessWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var finished = false

    func markFinished() {
        lock.lock()
        finished = true
        lock.unlock()
    }

    /// Sends SIGKILL to `pid` unless the process already finished.
    func killIfRunning(_ pid: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if !finished, pid > 0 { kill(pid, SIGKILL) }
    }
}
