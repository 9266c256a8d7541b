/// Reports which files under some folders changed, appeared or disappeared, in batches, for
/// `--watch`: Linux inotify when available (``InotifyWatcher``, batches after `debounce` of quiet),
/// else ``SourceSnapshot``s compared every `pollInterval`.
///
/// Changes made after `init` returns are reported; ``changes`` finishes after ``stop()``.
public final class SourceChangeMonitor: Sendable {
    /// Batches of changed paths, as found under the folders given (so `ROOT/content/x.md`), sorted.
    public let changes: AsyncStream<[String]>
    /// Whether changes come from inotify (else from polling).
    public let usesInotify: Bool
    private let stopWatching: @Sendable () -> Void

    public init(paths: [String], debounce: Duration = .milliseconds(20), pollInterval: Duration = .milliseconds(100)) {
        if let watcher = InotifyWatcher(paths: paths, debounce: debounce) {
            changes = watcher.changes
            usesInotify = true
            stopWatching = { watcher.stop() }
            return
        }
        let (stream, continuation) = AsyncStream.makeStream(of: [String].self)
        let first = SourceSnapshot(paths: paths)
        let polling = Task {
            var last = first
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                let now = SourceSnapshot(paths: paths)
                let changed = last.changes(to: now)
                last = now
                if !changed.isEmpty { continuation.yield(changed) }
            }
            continuation.finish()
        }
        changes = stream
        usesInotify = false
        stopWatching = { polling.cancel() }
    }

    /// Stops watching. Safe to call more than once, from anywhere (a signal handler's queue).
    public func stop() { stopWatching() }
}
