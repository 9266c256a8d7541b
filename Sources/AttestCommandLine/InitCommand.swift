import ArgumentParser
import HandbookContent
import SiteBuilder

/// `attest init DIR`: start a new handbook that builds cleanly.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new handbook: settings, a policy, a page, a quiz, a roster and the default theme.",
        discussion: "Refuses a folder that already has content/ or templates/."
    )

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("The folder to create the handbook in (default: --root).", valueName: "DIR"))
    var directory: String?

    func run() async throws {
        let target = directory ?? rootOptions.root
        do {
            let written = try HandbookScaffold.write(to: target)
            print("Created a handbook in \(target)/ (\(written.count) files). Next: attest build --root \(target)")
        } catch {
            DiagnosticPrinter.print([.error("\(error)", at: nil)])
            throw ExitCode.badInput
        }
    }
}
