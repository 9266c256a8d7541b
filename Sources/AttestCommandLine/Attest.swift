import ArgumentParser

/// The `attest` command: publish a security handbook, train people on it, audit keys against it.
public struct Attest: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "attest",
        abstract: "Publish a security handbook, train people on it, and audit API keys against its policies.",
        discussion: """
            Exit codes: 0 success; 1 check findings (audit failures at or above --fail-on, a broken \
            training chain); 2 bad input or usage (diagnostics are printed as path:line:column: error: …).
            """,
        version: version,
        subcommands: [
            BuildCommand.self, CheckCommand.self, InitCommand.self, ServeCommand.self, TrainingCommand.self,
            AuditCommand.self, ScanCommand.self, EvidenceCommand.self,
        ]
    )

    public init() {}

    /// Parses `arguments`, runs the command and returns the process exit code.
    /// Usage errors exit 2 (ArgumentParser's default is 64), help and version 0.
    public static func run(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = exitCode(for: error)
            if let exit = error as? ExitCode { return exit.rawValue }
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            if !message.isEmpty { StandardError.write(message + "\n") }
            return code == .validationFailure ? ExitStatus.badInput : code.rawValue
        }
    }
}
