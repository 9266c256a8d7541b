import ServiceLifecycle

/// Watches the handbook's sources (`content/`, `templates/`) for `attest serve --watch`: every
/// `interval`, compares a ``SourceSnapshot`` with the last one and hands the changed paths to `onChange`
/// (which rebuilds and calls ``LiveSite/replace(with:)`` or ``LiveSite/update(files:removing:)``; on an
/// invalid edit it prints the diagnostics and leaves the last good site in place).
///
/// Runs as a service of the application, so it stops with the server (SIGINT, SIGTERM).
public struct SourceWatcher: Service {
    public var paths: [String]
    public var interval: Duration
    public var onChange: @Sendable ([String]) async -> Void

    public init(
        paths: [String], interval: Duration = .milliseconds(100), onChange: @escaping @Sendable ([String]) async -> Void
    ) {
        self.paths = paths
        self.interval = interval
        self.onChange = onChange
    }

    public func run() async throws {
        var last = SourceSnapshot(paths: paths)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: interval)
            let now = SourceSnapshot(paths: paths)
            let changed = last.changes(to: now)
            last = now
            if !changed.isEmpty { await onChange(changed) }
        }
    }
}
