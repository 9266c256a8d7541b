import Dispatch
import Foundation

/// SIGINT and SIGTERM handled as a request to stop (`attest build --watch`): instead of the process
/// dying mid-write, `action` runs, and the command finishes what it was doing and returns.
enum TerminationSignals {
    /// Runs `body`, calling `action` (once per signal) when SIGINT or SIGTERM arrives meanwhile.
    static func handle(_ action: @escaping @Sendable () -> Void, during body: () async -> Void) async {
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            sources.append(source)
        }
        await body()
        for source in sources { source.cancel() }
    }
}
