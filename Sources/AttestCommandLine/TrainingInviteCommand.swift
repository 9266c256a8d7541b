import ArgumentParser

// Placeholder: the server work replaces it with the real command (a signed, expiring invitation link).
struct TrainingInviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invite", abstract: "(not yet implemented)")
    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var recordsOptions: RecordsOptions
    @Argument var email: String
    func run() async throws { throw ExitCode.badInput }
}
