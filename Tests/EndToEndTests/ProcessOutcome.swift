/// What a finished `attest` process left behind: its exit code and everything it printed.
struct ProcessOutcome: Sendable, CustomStringConvertible {
    var exitCode: Int32
    var stdout: String
    var stderr: String

    /// The lines of standard error, without empty ones.
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

    /// Whether the output looks like a crash rather than a diagnostic.
    var looksLikeCrash: Bool {
        let markers = ["Fatal error", "Stack dump", "Current stack trace", "Segmentation fault", "Illegal instruction"]
        return markers.contains { stderr.contains($0) || stdout.contains($0) } || exitCode > 128 || exitCode < 0
    }

    var description: String { "exit \(exitCode)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}
