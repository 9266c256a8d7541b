import ArgumentParser

/// `attest scan`: finds leaked keys in folders, app bundles and git histories (`attest scan PATH…`,
/// the default subcommand), and names a secret by its SHA-256 (`attest scan fingerprint`).
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find leaked keys in folders, app bundles and git histories.",
        discussion: """
            `attest scan [PATH…]` runs the default subcommand, `run`. Exit codes: 0 no finding at or above \
            --fail-on; 1 otherwise; 2 bad input (nothing is written).
            """,
        subcommands: [ScanRunCommand.self, ScanFingerprintCommand.self],
        defaultSubcommand: ScanRunCommand.self
    )
}
