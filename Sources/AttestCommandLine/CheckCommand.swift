import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "(not yet implemented)")
    @OptionGroup var rootOptions: RootOptions
    func run() async throws { throw ExitCode.badInput }
}
