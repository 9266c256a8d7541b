import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "(not yet implemented)")
    @OptionGroup var rootOptions: RootOptions
    func run() async throws { throw ExitCode.badInput }
}
