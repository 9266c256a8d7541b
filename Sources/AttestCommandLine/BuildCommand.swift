import ArgumentParser
import Foundation
import HandbookContent
import SiteBuilder

/// `attest build`: publish content/ through templates/ into site/.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Publish the handbook: render content/ through templates/ into a static site.",
        discussion: """
            Broken internal links and anchors fail the build unless --links warn (or links: warn in \
            content/handbook.yml). The output is replaced only when the build succeeds.
            """
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(help: ArgumentHelp("Where to write the site (default: ROOT/site).", valueName: "DIR"))
    var output: String?

    @OptionGroup var siteOptions: SiteOptions

    func run() async throws {
        let started = Date()
        let root = rootOptions.root
        let (builder, loadDiagnostics) = try siteOptions.makeBuilder(root: root)
        let outputDirectory = output ?? root + "/site"
        let progress = BuildProgress()
        let result = await builder.build(into: outputDirectory) { done, total in
            progress.update(done: done, total: total)
        }
        progress.finish()
        DiagnosticPrinter.print(loadDiagnostics + result.diagnostics)
        guard result.wroteSite else { throw ExitCode.badInput }
        let seconds = Date().timeIntervalSince(started)
        let shown = output ?? (root == "." ? "site/" : root + "/site/")
        print("Built \(result.pageCount) pages into \(shown) in \(String(format: "%.2f", seconds))s")
    }
}
