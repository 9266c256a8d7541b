import Foundation
import HandbookContent

/// Publishes a ``Handbook`` as a static site: every policy, page and quiz rendered through the
/// theme's templates, links and anchors checked, a search index, the theme's and the content's
/// files copied along; written atomically.
///
/// Pages render in parallel on every core; templates are parsed once and the navigation is
/// rendered once per section and folder depth, then inserted into each page.
public struct SiteBuilder: Sendable {
    public var handbook: Handbook
    /// The theme folder (`ROOT/templates`).
    public var templatesDirectory: String
    public var options: SiteBuildOptions

    public init(handbook: Handbook, templatesDirectory: String, options: SiteBuildOptions) {
        self.handbook = handbook
        self.templatesDirectory = templatesDirectory
        self.options = options
    }

    /// Renders the site into `outputDirectory`, replacing what was there only if there were no
    /// errors; with errors nothing is written and the previous site stays as it was.
    ///
    /// - Parameter progress: called with pages done and pages in all, from any thread.
    public func build(
        into outputDirectory: String, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async -> SiteBuildResult {
        await run(outputDirectory: outputDirectory, progress: progress)
    }

    /// Renders everything in memory and checks every link; writes nothing.
    public func check() async -> SiteBuildResult {
        await run(outputDirectory: nil, progress: nil)
    }

    private func run(
        outputDirectory: String?, progress: (@Sendable (Int, Int) -> Void)?
    ) async -> SiteBuildResult {
        var clock = PhaseClock()
        var diagnostics: [Diagnostic] = []
        let (loadedTheme, themeDiagnostics) = SiteTheme.load(
            directory: templatesDirectory, displayPath: displayPath(templatesDirectory))
        diagnostics += themeDiagnostics
        let plan = SitePlan(handbook: handbook, includeDrafts: options.includeDrafts)
        diagnostics += plan.diagnostics
        guard let theme = loadedTheme else {
            return SiteBuildResult(diagnostics: diagnostics, pageCount: 0, wroteSite: false)
        }
        clock.end("plan")

        // 1. What pages share, rendered once: the sidebar per group and folder depth, on every core.
        let renderer = await PageRenderer.make(
            plan: plan, theme: theme, config: handbook.config, options: options)
        clock.end("sidebars")

        // 2. Stage the output (unless checking, or already failed), render and write every page, in one
        // pass on every core. The folders that hold other pages' folders are made first; each page
        // makes its own. Links to headings are checked once every page's headings are known.
        var output: SiteOutput?
        if let outputDirectory, !diagnostics.hasErrors {
            do {
                try SiteOutput.checkReplaceable(
                    outputDirectory, protecting: [handbook.root + "/content", templatesDirectory, handbook.root])
                let staged = try SiteOutput.stage(beside: outputDirectory)
                output = staged
                let pageFolders = plan.pages.map { SiteURL.directory(of: $0.url) }
                try staged.createDirectories(Set(pageFolders.map(SiteURL.directory(of:))))
            } catch let refusal as SiteOutput.Refusal {
                output?.discard()
                diagnostics.append(.error(refusal.description, at: nil))
                return SiteBuildResult(diagnostics: diagnostics, pageCount: 0, wroteSite: false)
            } catch {
                output?.discard()
                diagnostics.append(
                    .error("cannot write the site beside '\(outputDirectory)': \(Self.reason(error))", at: nil))
                return SiteBuildResult(diagnostics: diagnostics, pageCount: 0, wroteSite: false)
            }
        }
        let staged = output
        let rendered = ParallelMap.map(plan.pages, progress: progress) {
            page -> (output: PageRenderer.Output, searchFragment: String?) in
            var result = renderer.render(page)
            if let staged, !result.diagnostics.hasErrors {
                do {
                    try staged.createDirectory(SiteURL.directory(of: page.url))
                    try staged.write(bytes: result.html, to: page.url)
                } catch {
                    result.diagnostics.append(.error("cannot write '\(page.url)': \(Self.reason(error))", at: nil))
                }
            }
            result.html = []  // written
            let fragment = result.searchEntry.map(SearchIndex.fragment(of:))
            result.searchEntry = nil
            return (result, fragment)
        }
        var headingIDs: [String: Set<String>] = [:]
        headingIDs.reserveCapacity(plan.pages.count)
        for (page, result) in zip(plan.pages, rendered) { headingIDs[page.url] = Set(result.output.headingIDs) }
        for (result, _) in rendered {
            diagnostics += result.diagnostics
            diagnostics += renderer.anchorDiagnostics(result.anchorLinks) { headingIDs[$0] }
        }
        // Pages are in URL order, as the index lists them.
        let index = SearchIndexText(fragments: rendered.compactMap(\.searchFragment))
        clock.end("pages")

        // 3. The search index, the theme's static files, the content's files.
        if let staged, !diagnostics.hasErrors {
            diagnostics += writeSupportFiles(to: staged, index: index, theme: theme, plan: plan)
        }
        clock.end("search index and files")
        guard let staged else {
            return SiteBuildResult(
                diagnostics: diagnostics, pageCount: plan.pages.count, wroteSite: false, phases: clock.phases)
        }
        guard !diagnostics.hasErrors else {
            staged.discard()
            return SiteBuildResult(diagnostics: diagnostics, pageCount: plan.pages.count, wroteSite: false)
        }
        do {
            try staged.commit()
        } catch {
            staged.discard()
            diagnostics.append(.error("cannot replace '\(staged.directory)': \(Self.reason(error))", at: nil))
            return SiteBuildResult(diagnostics: diagnostics, pageCount: plan.pages.count, wroteSite: false)
        }
        clock.end("swap")
        return SiteBuildResult(
            diagnostics: diagnostics, pageCount: plan.pages.count, wroteSite: true, phases: clock.phases)
    }

    private func writeSupportFiles(to output: SiteOutput, index: SearchIndexText, theme: SiteTheme, plan: SitePlan)
        -> [Diagnostic]
    {
        var diagnostics: [Diagnostic] = []
        do {
            try output.write(pieces: index.jsonPieces(), to: SearchIndexText.jsonName)
            try output.write(pieces: index.scriptPieces(), to: SearchIndexText.scriptName)
        } catch {
            diagnostics.append(.error("cannot write the search index: \(Self.reason(error))", at: nil))
        }
        if let staticDirectory = theme.staticDirectory {
            for file in theme.staticFiles() {
                do {
                    try output.copy(from: staticDirectory + "/" + file, to: "static/" + file)
                } catch {
                    diagnostics.append(.error("cannot copy '\(file)' of the theme: \(Self.reason(error))", at: nil))
                }
            }
        }
        for asset in plan.assets {
            do {
                try output.copy(from: handbook.root + "/content/" + asset, to: asset)
            } catch {
                diagnostics.append(
                    .error(
                        "cannot copy this file into the site: \(Self.reason(error))",
                        at: SourceLocation(path: "content/" + asset)))
            }
        }
        return diagnostics
    }

    /// A path as shown in diagnostics: relative to the root when inside it.
    private func displayPath(_ path: String) -> String {
        let root = handbook.root.hasSuffix("/") ? String(handbook.root.dropLast()) : handbook.root
        if root == "." || root.isEmpty, path.hasPrefix("./") { return String(path.dropFirst(2)) }
        if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
        return path
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
