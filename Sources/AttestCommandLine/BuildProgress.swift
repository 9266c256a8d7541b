import Foundation

/// A one-line progress display for long builds, on standard error when it is a terminal;
/// silent otherwise (CI logs, pipes).
final class BuildProgress: Sendable {
    private let enabled: Bool
    private let lastShown = LockedValue(-1)

    init(enabled: Bool = StandardError.isTerminal) { self.enabled = enabled }

    /// Shows `done` of `total` pages, redrawing the line at most once per percent.
    func update(done: Int, total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        let changed = lastShown.exchange(percent) != percent
        if changed { StandardError.write("\r\u{1B}[2KRendering pages: \(done)/\(total) (\(percent)%)") }
    }

    /// Clears the line before the summary is printed.
    func finish() {
        guard enabled, lastShown.exchange(-1) >= 0 else { return }
        StandardError.write("\r\u{1B}[2K")
    }
}

/// A value behind a lock, for the progress callbacks that come from many threads.
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    /// Stores `newValue` and returns the previous value.
    func exchange(_ newValue: Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        let old = value
        value = newValue
        return old
    }
}
