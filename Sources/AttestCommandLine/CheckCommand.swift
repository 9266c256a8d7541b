import ArgumentParser
import Foundation
import HandbookContent
import SiteBuilder

/// `attest check`: everything `build` validates, rendered in memory; nothing written. For CI.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the handbook (content, templates, links) without writing anything.",
        discussion: "Exit 0 when the handbook would build, 2 with its diagnostics when it would not."
    )

    @OptionGroup var rootOptions: RootOptions

    @Flag(help: "Check draft policies, pages and quizzes too.")
    var drafts = false

    @Option(
        help: ArgumentHelp(
            "Treat broken links as errors or warnings (default: from handbook.yml, else fail).", valueName: "fail|warn")
    )
    var links: HandbookConfig.LinkPolicy?

    func run() async throws {
        let root = rootOptions.root
        let (loaded, _, loadDiagnostics) = HandbookInputs.load(root: root, includeDrafts: drafts)
        guard let handbook = loaded, !loadDiagnostics.hasErrors else {
            DiagnosticPrinter.print(loadDiagnostics)
            throw ExitCode.badInput
        }
        let options = SiteBuildOptions(
            includeDrafts: drafts, linkPolicy: links ?? handbook.config.links,
            asOf: CalendarDate(secondsSince1970: Date().timeIntervalSince1970))
        let result = await SiteBuilder(handbook: handbook, templatesDirectory: root + "/templates", options: options)
            .check()
        DiagnosticPrinter.print(loadDiagnostics + result.diagnostics)
        guard !result.hasErrors else { throw ExitCode.badInput }
        print("Checked \(result.pageCount) pages: no errors.")
    }
}
