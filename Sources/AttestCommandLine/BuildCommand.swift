import ArgumentParser
import AttestServer
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

            With --watch, the site is built and then kept up to date as content/ and templates/ change, \
            until Ctrl-C (SIGINT) or SIGTERM: an edit to a page renders that page again (and what shows \
            it), a change to a template or to handbook.yml everything, and only changed files are \
            written. An edit with errors prints them and leaves the last good site in place.
            """
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(help: ArgumentHelp("Where to write the site (default: ROOT/site).", valueName: "DIR"))
    var output: String?

    @OptionGroup var siteOptions: SiteOptions

    @Flag(help: "Keep the site up to date as content/ and templates/ change, until interrupted.")
    var watch = false

    @Flag(help: "Print how long each step of the build took (to standard error).")
    var timings = false

    func run() async throws {
        let started = Date()
        let root = rootOptions.root
        if watch { return await runWatching(root: root, started: started) }
        let (builder, loadDiagnostics) = try siteOptions.makeBuilder(root: root)
        let loaded = Date()
        let outputDirectory = output ?? root + "/site"
        let progress = BuildProgress()
        let result = await builder.build(into: outputDirectory) { done, total in
            progress.update(done: done, total: total)
        }
        progress.finish()
        DiagnosticPrinter.print(loadDiagnostics + result.diagnostics)
        guard result.wroteSite else { throw ExitCode.badInput }
        let seconds = Date().timeIntervalSince(started)
        if timings {
            let phases = [BuildPhase(name: "load", seconds: loaded.timeIntervalSince(started))] + result.phases
            let text = phases.map { "\($0.name) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", ")
            StandardError.write("timings: \(text); total \(String(format: "%.2f", seconds)) s\n")
        }
        let shown = output ?? (root == "." ? "site/" : root + "/site/")
        print("Built \(result.pageCount) pages into \(shown) in \(String(format: "%.2f", seconds))s")
    }

    /// `--watch`: build, then rebuild after every change until SIGINT or SIGTERM (exit 0).
    private func runWatching(root: String, started: Date) async {
        let monitor = SourceChangeMonitor(paths: [root + "/content", root + "/templates"])
        let writer = SiteDirectoryWriter(directory: output ?? root + "/site", root: root)
        let session = SiteWatchSession(builder: siteOptions.makeIncrementalBuilder(root: root)) {
            writer.apply($0)
        }
        await TerminationSignals.handle({ monitor.stop() }) {
            let (succeeded, pageCount) = await session.buildAll()
            let shown = output ?? (root == "." ? "site/" : root + "/site/")
            if succeeded {
                let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
                print("Built \(pageCount) pages into \(shown) in \(seconds)s")
            }
            print("Watching content/ and templates/ for changes; Ctrl-C stops.")
            flushStandardOutput()
            for await changed in monitor.changes {
                await session.rebuild(changed)
                flushStandardOutput()
            }
        }
    }

    /// Each line out at once, also when standard output is a file or a pipe.
    private func flushStandardOutput() { fflush(nil) }
}
