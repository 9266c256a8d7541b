import ArgumentParser

// Placeholder until its issue lands; replaced by the real command.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "(not yet implemented)")
    @OptionGroup var rootOptions: RootOptions
    func run() async throws { throw ExitCode.badInput }
}
