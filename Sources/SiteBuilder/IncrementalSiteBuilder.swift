import Crypto
import Foundation
import HandbookContent

/// Keeps a rendered site in memory and brings it up to date when its sources change
/// (`attest build --watch`, `attest serve --watch`), rendering again only what a change reaches.
///
/// - An edit to ordinary Markdown pages re-reads just those files and renders again those pages, plus
///   what depends on them: when a title or summary changed the navigation, the pages whose sidebar,
///   previous/next links or section listing changed, the home and section pages; when their headings
///   changed, the pages that link to their anchors. The search index is reassembled from per-page
///   fragments.
/// - A change to a policy, a quiz, handbook.yml, the roster, or a file added or removed reloads the
///   handbook; a change to a template reloads the theme: then every page is rendered again in memory,
///   and still only the files whose content changed are listed.
/// - A rebuild with errors changes nothing: the diagnostics are returned, the last good site stays,
///   and the failed paths are tried again with the next change.
///
/// The result of each call is a ``SiteUpdate``: the files to write and remove. ``SiteDirectoryWriter``
/// applies it to a folder; the server applies it to the site it serves from memory.
public struct IncrementalSiteBuilder: Sendable {
    /// Loads the handbook from scratch (with its roster, as `attest build` does).
    public typealias Loader = @Sendable () -> (handbook: Handbook?, diagnostics: [Diagnostic])

    /// The project root (holding `content/` and `templates/`).
    public let root: String
    public let options: SiteBuildOptions
    /// Whether the link policy comes from each loaded handbook.yml (`links`) rather than `options`.
    public let linksFromHandbook: Bool
    private let load: Loader
    private var state: SiteRenderState?
    /// Paths of a rebuild that failed: tried again with the next change.
    private var pending: Set<String> = []

    /// - Parameters:
    ///   - linksFromHandbook: take the link policy from handbook.yml, as `attest build` does without `--links`.
    ///   - load: loads the handbook under `root` from scratch.
    public init(root: String, options: SiteBuildOptions, linksFromHandbook: Bool = false, load: @escaping Loader) {
        self.root = root
        self.options = options
        self.linksFromHandbook = linksFromHandbook
        self.load = load
    }

    private func options(for handbook: Handbook) -> SiteBuildOptions {
        var options = options
        if linksFromHandbook { options.linkPolicy = handbook.config.links }
        return options
    }

    /// Loads and renders the whole site; the update lists every file (``SiteUpdate/isComplete``).
    public mutating func buildAll() async -> SiteUpdate {
        pending = []
        state = nil
        let (update, newState) = await renderAll(
            handbook: nil, theme: nil, previous: nil, changed: [], diagnostics: [], sources: [])
        if let newState { state = newState }
        return update
    }

    /// Brings the site up to date after the files at `changedPaths` (relative to the root, e.g.
    /// `content/guides/x.md`, `templates/page.mustache`) changed, appeared or disappeared.
    public mutating func update(changedPaths: [String]) async -> SiteUpdate {
        let paths = pending.union(changedPaths.filter(Self.isSource))
        guard let state else {
            let (update, newState) = await renderAll(
                handbook: nil, theme: nil, previous: nil, changed: paths, diagnostics: [], sources: paths.sorted())
            self.state = newState
            pending = newState == nil ? paths : []
            return update
        }
        let relevant = paths.filter { exists($0) || state.knew($0) }
        guard !relevant.isEmpty else {
            pending = []
            return SiteUpdate(isComplete: false, succeeded: true)
        }
        let (update, newState) = await apply(relevant, to: state)
        if let newState { self.state = newState }
        pending = update.succeeded ? [] : relevant
        return update
    }

    /// Whether a changed path can matter: under `content/` or `templates/`, no hidden file or folder.
    static func isSource(_ path: String) -> Bool {
        (path.hasPrefix("content/") || path.hasPrefix("templates/"))
            && !path.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: absolute(path)) }

    private func absolute(_ path: String) -> String { root + "/" + path }

    private var templatesDirectory: String { root + "/templates" }

    // MARK: - Deciding what to redo

    private func apply(_ paths: Set<String>, to state: SiteRenderState) async -> (SiteUpdate, SiteRenderState?) {
        let sources = paths.sorted()
        let templatePaths = paths.filter { $0.hasPrefix("templates/") }
        let themeChanged = templatePaths.contains { !$0.hasPrefix("templates/static/") }
        let contentPaths = paths.filter { $0.hasPrefix("content/") }
        var diagnostics: [Diagnostic] = []

        var theme = state.theme
        if themeChanged {
            let (loaded, themeDiagnostics) = SiteTheme.load(directory: templatesDirectory, displayPath: "templates")
            diagnostics += themeDiagnostics
            guard let loaded else { return (Self.failure(diagnostics, sources: sources), nil) }
            theme = loaded
        }

        var handbook = state.handbook
        var editedSources: Set<String> = []
        var needsFullRender = themeChanged
        var editedPages: [HandbookPage] = []
        if !contentPaths.isEmpty, contentPaths.allSatisfy({ state.isPageSource($0) && exists($0) }) {
            // Ordinary pages edited in place: read just those files.
            for path in contentPaths.sorted() {
                let page: HandbookPage?
                do {
                    let (read, readDiagnostics) = PageReader.read(
                        try SourceFile(contentsOf: absolute(path), path: path))
                    diagnostics += readDiagnostics
                    page = read
                } catch {
                    diagnostics.append(error)
                    page = nil
                }
                guard let page, let index = handbook.pages.firstIndex(where: { $0.sourcePath == path }) else {
                    continue
                }
                if page.draft, !options.includeDrafts {
                    handbook.pages.remove(at: index)
                    needsFullRender = true
                } else {
                    handbook.pages[index] = page
                    editedPages.append(page)
                }
                editedSources.insert(path)
            }
            guard !diagnostics.hasErrors else { return (Self.failure(diagnostics, sources: sources), nil) }
        } else if !contentPaths.isEmpty {
            let (loaded, loadDiagnostics) = load()
            diagnostics += loadDiagnostics
            guard let loaded, !loadDiagnostics.hasErrors else {
                return (Self.failure(diagnostics, sources: sources), nil)
            }
            handbook = loaded
            needsFullRender = true
        }

        if needsFullRender {
            return await renderAll(
                handbook: handbook, theme: theme, previous: state, changed: paths, diagnostics: diagnostics,
                sources: sources)
        }
        var newState = state
        var update = SiteUpdate(isComplete: false, succeeded: true, diagnostics: diagnostics, sources: sources)
        if !editedSources.isEmpty {
            // Most edits change a page's text only: the plan is patched; else planned again.
            let patched = editedPages.reduce(Optional(state.plan)) { plan, page in plan?.replacing(page) }
            let plan = patched ?? SitePlan(handbook: handbook, includeDrafts: options.includeDrafts)
            guard plan.diagnostics.isEmpty, patched != nil || plan.pages.map(\.url) == state.plan.pages.map(\.url)
            else {
                return await renderAll(
                    handbook: handbook, theme: theme, previous: state, changed: paths, diagnostics: diagnostics,
                    sources: sources)
            }
            guard
                let rendered = await renderEdited(
                    editedSources, plan: plan, handbook: handbook, previous: state, update: &update)
            else { return (update, nil) }
            newState = rendered
        }
        if !templatePaths.isEmpty {
            // Theme assets changed alone (or along with pages): copy or remove just those.
            let staticFiles = Set(theme.staticFiles().map { "static/" + $0 })
            for file in staticFiles where paths.contains("templates/" + file) || !state.staticFiles.contains(file) {
                update.copies[file] = templatesDirectory + "/" + file
            }
            update.removed += state.staticFiles.subtracting(staticFiles).sorted()
            newState.staticFiles = staticFiles
        }
        return (update, newState)
    }

    // MARK: - Rendering a few pages

    /// Renders again the pages of `editedSources` and what depends on them, adding them to `update`;
    /// the state after it, or nil (and a failed update) when there are errors.
    private func renderEdited(
        _ editedSources: Set<String>, plan: SitePlan, handbook: Handbook, previous: SiteRenderState,
        update: inout SiteUpdate
    ) async -> SiteRenderState? {
        var state = previous
        var toRender: Set<String> = []
        var anchorsChanged: Set<String> = []
        for source in editedSources {
            guard let url = plan.sourceURLs[source], let position = plan.position(of: url) else { continue }
            let page = plan.pages[position]
            toRender.insert(page.url)
            let outline = PageOutline.of(page)
            update.diagnostics += outline.diagnostics
            if outline.headingIDs != state.outlines[page.url]?.headingIDs {
                state.resolver = state.resolver.replacingAnchors(of: page.url, with: Set(outline.headingIDs))
                anchorsChanged.insert(page.url)
            }
            state.outlines[page.url] = outline
        }
        if !anchorsChanged.isEmpty {
            for (url, page) in previous.pages where !page.anchoredPages.isDisjoint(with: anchorsChanged) {
                toRender.insert(url)
            }
        }
        if plan.navigation.groups != previous.plan.navigation.groups {
            state.layout = SiteLayout(theme: state.theme, navigation: plan.navigation, config: handbook.config)
            state.sidebars = state.layout.sidebars(for: plan.pages)
            for page in plan.pages {
                let key = PageRenderer.sidebarKey(groupKey: page.groupKey, pathToRoot: page.pathToRoot)
                let (before, after) = previous.plan.navigation.neighbours(of: page.url)
                let (newBefore, newAfter) = plan.navigation.neighbours(of: page.url)
                var generated = false
                switch page.kind {
                case .home, .section: generated = true
                default: break
                }
                if generated || state.sidebars[key] != previous.sidebars[key] || before != newBefore
                    || after != newAfter
                {
                    toRender.insert(page.url)
                }
            }
        }
        state.handbook = handbook
        state.plan = plan

        let renderer = PageRenderer(
            plan: plan, layout: state.layout, resolver: state.resolver, outlines: state.outlines,
            sidebars: state.sidebars, options: options(for: handbook))
        let pages = toRender.sorted().compactMap { url in plan.position(of: url).map { plan.pages[$0] } }
        let previousPages = previous.pages
        let rendered = ParallelMap.map(pages) { page in
            Self.render(page, with: renderer, previous: previousPages[page.url])
        }
        update.renderedPageCount = pages.count
        var searchChanged = false
        for (page, result) in zip(pages, rendered) {
            update.diagnostics += result.diagnostics
            if let html = result.html { update.files[page.url] = html }
            if result.page.searchFragment != previousPages[page.url]?.searchFragment { searchChanged = true }
            state.pages[page.url] = result.page
        }
        guard !update.diagnostics.hasErrors else {
            update = Self.failure(update.diagnostics, sources: update.sources)
            return nil
        }
        if searchChanged {
            update.searchIndex = SearchIndexText(
                fragments: plan.pages.compactMap { state.pages[$0.url]?.searchFragment })
            state.searchIndexDigest = []  // not worth hashing 10,000 entries again: it did change
        }
        return state
    }

    // MARK: - Rendering everything

    /// Renders every page (loading the handbook and the theme when not given) and lists what differs
    /// from `previous` (everything when there is none).
    private func renderAll(
        handbook given: Handbook?, theme givenTheme: SiteTheme?, previous: SiteRenderState?, changed: Set<String>,
        diagnostics initial: [Diagnostic], sources: [String]
    ) async -> (SiteUpdate, SiteRenderState?) {
        var diagnostics = initial
        var handbook = given
        if handbook == nil {
            let (loaded, loadDiagnostics) = load()
            diagnostics += loadDiagnostics
            handbook = loadDiagnostics.hasErrors ? nil : loaded
        }
        var theme = givenTheme
        if theme == nil {
            let (loaded, themeDiagnostics) = SiteTheme.load(directory: templatesDirectory, displayPath: "templates")
            diagnostics += themeDiagnostics
            theme = loaded
        }
        guard let handbook, let theme else { return (Self.failure(diagnostics, sources: sources), nil) }

        let plan = SitePlan(handbook: handbook, includeDrafts: options.includeDrafts)
        diagnostics += plan.diagnostics
        let (renderer, outlineDiagnostics) = await PageRenderer.prepared(
            plan: plan, theme: theme, config: handbook.config, options: options(for: handbook))
        diagnostics += outlineDiagnostics
        let previousPages = previous?.pages ?? [:]
        let rendered = ParallelMap.map(plan.pages) { page in
            Self.render(page, with: renderer, previous: previousPages[page.url])
        }

        var update = SiteUpdate(
            isComplete: previous == nil, succeeded: true, sources: sources)
        var pages: [String: SiteRenderState.RenderedPage] = [:]
        for (page, result) in zip(plan.pages, rendered) {
            diagnostics += result.diagnostics
            if let html = result.html { update.files[page.url] = html }
            pages[page.url] = result.page
        }
        update.diagnostics = diagnostics
        update.renderedPageCount = plan.pages.count
        guard !diagnostics.hasErrors else { return (Self.failure(diagnostics, sources: sources), nil) }
        update.handbook = handbook
        update.layout = renderer.layout

        let searchIndex = SearchIndexText(fragments: plan.pages.compactMap { pages[$0.url]?.searchFragment })
        let searchIndexDigest = SiteRenderState.digest(searchIndex.json)
        if searchIndexDigest != previous?.searchIndexDigest { update.searchIndex = searchIndex }
        let staticFiles = Set(theme.staticFiles().map { "static/" + $0 })
        let assets = Set(plan.assets)
        for file in staticFiles
        where previous == nil || changed.contains("templates/" + file) || previous?.staticFiles.contains(file) != true {
            update.copies[file] = templatesDirectory + "/" + file
        }
        for asset in assets
        where previous == nil || changed.contains("content/" + asset) || previous?.assets.contains(asset) != true {
            update.copies[asset] = root + "/content/" + asset
        }
        if let previous {
            update.removed =
                (Set(previous.pages.keys).subtracting(pages.keys)
                .union(previous.staticFiles.subtracting(staticFiles))
                .union(previous.assets.subtracting(assets))).sorted()
        }
        let state = SiteRenderState(
            handbook: handbook, theme: theme, plan: plan, layout: renderer.layout, outlines: renderer.outlines,
            resolver: renderer.resolver, sidebars: renderer.sidebars, pages: pages,
            searchIndexDigest: searchIndexDigest, staticFiles: staticFiles,
            assets: assets)
        return (update, state)
    }

    // MARK: - One page

    private struct RenderedResult: Sendable {
        var page: SiteRenderState.RenderedPage
        /// The HTML when it differs from the previous rendering.
        var html: String?
        var diagnostics: [Diagnostic]
    }

    private static func render(
        _ page: SitePage, with renderer: PageRenderer, previous: SiteRenderState.RenderedPage?
    ) -> RenderedResult {
        let output = renderer.render(page)
        let fragment = output.searchEntry.map(SearchIndex.fragment(of:))
        let digest = SiteRenderState.digest(output.html)
        return RenderedResult(
            page: SiteRenderState.RenderedPage(
                digest: digest, searchFragment: fragment, anchoredPages: output.anchoredPages),
            html: previous?.digest == digest ? nil : output.html, diagnostics: output.diagnostics)
    }

    private static func failure(_ diagnostics: [Diagnostic], sources: [String]) -> SiteUpdate {
        SiteUpdate(isComplete: false, succeeded: false, diagnostics: diagnostics, sources: sources)
    }
}
