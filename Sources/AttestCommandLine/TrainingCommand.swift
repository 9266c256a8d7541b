import ArgumentParser

// Placeholder until its issue lands; replaced by the real command group.
struct TrainingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "training", abstract: "(not yet implemented)")
    @OptionGroup var rootOptions: RootOptions
    func run() async throws { throw ExitCode.badInput }
}
