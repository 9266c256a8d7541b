import Foundation
import HandbookContent
import SiteBuilder

/// What `attest build --watch` and `attest serve --watch` share: the incremental builder, rebuilds
/// one at a time, the update handed to where the site lives (a folder, or the server's memory), and
/// one line printed per rebuild (`rebuilt content/x.md in 12 ms (1 page written)`).
///
/// Its callers (the watch loop, the server's watcher service) call it one change batch at a time.
actor SiteWatchSession {
    private let builder: IncrementalSiteBuilder
    private let root: String
    private let apply: @Sendable (SiteUpdate) -> [Diagnostic]

    /// - Parameter apply: writes or serves an update; returns what could not be written.
    init(builder: IncrementalSiteBuilder, apply: @escaping @Sendable (SiteUpdate) -> [Diagnostic]) {
        self.builder = builder
        root = builder.root
        self.apply = apply
    }

    /// Builds the whole site; prints its diagnostics. Whether it succeeded and how many pages it has.
    func buildAll() async -> (succeeded: Bool, pageCount: Int) {
        let update = await builder.buildAll()
        let problems = apply(update)
        DiagnosticPrinter.print(update.diagnostics + problems)
        if !update.succeeded { print("The site has errors; fix them and save: watching for changes.") }
        return (update.succeeded && !problems.hasErrors, update.renderedPageCount)
    }

    /// Rebuilds after `changedPaths` (as the monitor reports them, under the root) changed.
    func rebuild(_ changedPaths: [String]) async {
        let started = ContinuousClock.now
        let update = await builder.update(changedPaths: changedPaths.map(relative))
        let problems = apply(update)
        let elapsed = ContinuousClock.now - started
        DiagnosticPrinter.print(update.diagnostics + problems)
        guard !update.sources.isEmpty else { return }
        let what = update.sources.count == 1 ? update.sources[0] : "\(update.sources.count) files"
        guard update.succeeded else {
            print("not rebuilt after a change to \(what): it has errors; the last good site stays")
            return
        }
        let milliseconds = Int((elapsed / .milliseconds(1)).rounded())
        let pages = update.writtenPageCount
        var done = "\(pages) page\(pages == 1 ? "" : "s") written"
        if !update.removed.isEmpty {
            done += ", \(update.removed.count) file\(update.removed.count == 1 ? "" : "s") removed"
        }
        print("rebuilt \(what) in \(milliseconds) ms (\(done))")
    }

    /// `ROOT/content/x.md` → `content/x.md`.
    private func relative(_ path: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        if root == "." || root.isEmpty, path.hasPrefix("./") { return String(path.dropFirst(2)) }
        return path
    }
}
