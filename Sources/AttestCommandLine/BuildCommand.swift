import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "(not yet implemented)")
    @OptionGroup var rootOptions: RootOptions
    func run() async throws { throw ExitCode.badInput }
}
