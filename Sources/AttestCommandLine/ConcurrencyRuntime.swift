import NIOCore
import NIOPosix

/// Where the process's Swift concurrency runs: on SwiftNIO's event loop threads, the same threads
/// that serve the server's connections and the database client's sockets. A request's work then
/// stays on the thread that read it instead of hopping to a second pool of threads and back.
public enum ConcurrencyRuntime {
    /// Sets the event loop threads (`threads`, or one per core when nil) and makes them Swift
    /// concurrency's global executor. Call once, first thing in `main`, before any task has run.
    public static func start(threads: Int?) {
        if let threads { NIOSingletons.groupLoopCountSuggestion = threads }
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}
