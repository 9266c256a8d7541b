import ServiceLifecycle

/// Watches the handbook's sources (`content/`, `templates/`) for `attest serve --watch` with a
/// ``SourceChangeMonitor`` and hands each batch of changed paths to `onChange` (which rebuilds and
/// applies the ``SiteBuilder/SiteUpdate`` to the ``LiveContent``; on an invalid edit it prints the
/// diagnostics and leaves the last good site in place). Batches that come while `onChange` runs
/// are handed over after it returns.
///
/// Runs as a service of the application, so it stops with the server (SIGINT, SIGTERM).
public struct SourceWatcher: Service {
    public let monitor: SourceChangeMonitor
    public var onChange: @Sendable ([String]) async -> Void

    /// Watches `paths` from now on.
    public init(
        paths: [String], interval: Duration = .milliseconds(100), onChange: @escaping @Sendable ([String]) async -> Void
    ) {
        self.init(monitor: SourceChangeMonitor(paths: paths, pollInterval: interval), onChange: onChange)
    }

    /// Hands over the changes `monitor` reports (started earlier, e.g. before a first build).
    public init(monitor: SourceChangeMonitor, onChange: @escaping @Sendable ([String]) async -> Void) {
        self.monitor = monitor
        self.onChange = onChange
    }

    public func run() async throws {
        let monitor = monitor
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                for await changed in monitor.changes { await onChange(changed) }
            } onCancel: {
                monitor.stop()
            }
        } onGracefulShutdown: {
            monitor.stop()
        }
    }
}
