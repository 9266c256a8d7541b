import ArgumentParser

/// A command line parsed but not yet run: what the process must know before its first task starts
/// (see ``ConcurrencyRuntime``), then the run itself.
public struct AttestInvocation {
    private let parsed: Result<any ParsableCommand, any Error>

    /// Parses `arguments` (without the program name); a usage error is kept and reported by ``run()``.
    public init(arguments: [String]) {
        parsed = Result { try Attest.parseAsRoot(arguments) }
    }

    /// The threads `attest serve --threads N` asked for; nil for the default (one per core).
    public var eventLoopThreads: Int? {
        guard case .success(let command) = parsed, let serve = command as? ServeCommand else { return nil }
        return serve.threads
    }

    /// Runs the command and returns the process exit code. Usage errors exit 2 (ArgumentParser's
    /// default is 64), help and version 0.
    public func run() async -> Int32 {
        do {
            var command = try parsed.get()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = Attest.exitCode(for: error)
            if let exit = error as? ExitCode { return exit.rawValue }
            let message = Attest.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { StandardError.write(message + "\n") }
            return code == .validationFailure ? ExitStatus.badInput : code.rawValue
        }
    }
}
