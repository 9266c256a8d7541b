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
}
