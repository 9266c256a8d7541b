import ArgumentParser
import Foundation
import HandbookContent
import SiteBuilder

/// The options `build` and `check` share, and the step they share: load the handbook and set up
/// the site builder.
struct SiteOptions: ParsableArguments {
    @Flag(help: "Include draft policies, pages and quizzes.")
    var drafts = false

    @Option(
        help: ArgumentHelp(
            "Treat broken links as errors or warnings (default: from handbook.yml, else fail).", valueName: "fail|warn")
    )
    var links: HandbookConfig.LinkPolicy?

    /// The builder for the handbook under `root`, with the load's diagnostics (warnings only when
    /// there is a builder). Prints the diagnostics and throws exit 2 when the handbook has errors.
    func makeBuilder(root: String) throws -> (builder: SiteBuilder, diagnostics: [Diagnostic]) {
        let (loaded, _, diagnostics) = HandbookInputs.load(root: root, includeDrafts: drafts)
        guard let handbook = loaded, !diagnostics.hasErrors else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }
        let options = SiteBuildOptions(
            includeDrafts: drafts, linkPolicy: links ?? handbook.config.links,
            asOf: CalendarDate(secondsSince1970: Date().timeIntervalSince1970))
        return (SiteBuilder(handbook: handbook, templatesDirectory: root + "/templates", options: options), diagnostics)
    }

    /// The builder behind `--watch`: it loads the handbook itself, so that bad input at the start is
    /// reported like any later invalid edit rather than ending the command.
    func makeIncrementalBuilder(root: String) -> IncrementalSiteBuilder {
        let drafts = drafts
        return IncrementalSiteBuilder(
            root: root,
            options: SiteBuildOptions(
                includeDrafts: drafts, linkPolicy: links ?? .fail,
                asOf: CalendarDate(secondsSince1970: Date().timeIntervalSince1970)),
            linksFromHandbook: links == nil,
            load: {
                let (files, _, diagnostics) = HandbookInputs.read(root: root, includeDrafts: drafts)
                return (files, diagnostics)
            })
    }
}
