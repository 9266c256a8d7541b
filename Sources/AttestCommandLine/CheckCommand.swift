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

    @OptionGroup var siteOptions: SiteOptions

    func run() async throws {
        let root = rootOptions.root
        let (builder, loadDiagnostics) = try siteOptions.makeBuilder(root: root)
        let result = await builder.check()
        DiagnosticPrinter.print(loadDiagnostics + result.diagnostics)
        guard !result.hasErrors else { throw ExitCode.badInput }
        print("Checked \(result.pageCount) pages: no errors.")
    }
}
