import Foundation
import HandbookContent

/// Keeps a rendered site in memory and brings it up to date when its sources change
/// (`attest build --watch`, `attest serve --watch`), rendering again only what a change reaches.
///
/// - An edit to policies, quizzes or pages re-reads just those files (``HandbookFiles``), checks the
///   handbook again (ids, references) and renders again those pages, plus what shows what changed:
///   a new title or summary, the navigation of its group (the pages whose sidebar or previous/next
///   links change, the group's listing); a policy's title, the quizzes covering it; its title, owner,
///   version or review dates, the home page; a quiz's title or the policies it covers, those policies'
///   pages. Links to headings that changed are checked again. The search index is reassembled from
///   per-page fragments.
/// - A file added or removed, handbook.yml, the roster, or a change of a page's draft state or of an
///   id reads the handbook again; a change to a template reloads the theme: then every page is
///   rendered again in memory, and still only the files whose content changed are listed.
/// - A rebuild with errors changes nothing: the diagnostics are returned, the last good site stays,
///   and the failed paths are tried again with the next change.
///
/// The result of each call is a ``SiteUpdate``: the files to write and remove. ``SiteDirectoryWriter``
/// applies it to a folder; the server applies it to the site it serves from memory.
///
/// An actor, so that the rendered site it keeps (10,000 pages' worth of plan, handbook and digests)
/// has one owner and an edit changes it in place: no copy of it per rebuild.
public actor IncrementalSiteBuilder {
    /// Reads the handbook's files from scratch, with diagnostics about anything else it read (the
    /// roster, which the files' quiz audiences are checked against).
    public typealias Loader = @Sendable () -> (files: HandbookFiles?, diagnostics: [Diagnostic])

    /// The project root (holding `content/` and `templates/`).
    public nonisolated let root: String
    public nonisolated let options: SiteBuildOptions
    /// Whether the link policy comes from each loaded handbook.yml (`links`) rather than `options`.
    public nonisolated let linksFromHandbook: Bool
    private let load: Loader
    private var state: SiteRenderState?
    /// Paths of a rebuild that failed: tried again with the next change.
    private var pending: Set<String> = []

    /// - Parameters:
    ///   - linksFromHandbook: take the link policy from handbook.yml, as `attest build` does without `--links`.
    ///   - load: reads the handbook's files under `root` from scratch.
    public init(root: String, options: SiteBuildOptions, linksFromHandbook: Bool = false, load: @escaping Loader) {
        self.root = root
        self.options = options
        self.linksFromHandbook = linksFromHandbook
        self.load = load
    }

    private nonisolated func options(for handbook: Handbook) -> SiteBuildOptions {
        var options = options
        if linksFromHandbook { options.linkPolicy = handbook.config.links }
        return options
    }

    /// Loads and renders the whole site; the update lists every file (``SiteUpdate/isComplete``).
    public func buildAll() async -> SiteUpdate {
        pending = []
        state = nil
        let (update, newState) = await renderAll(
            content: nil, theme: nil, previous: nil, changed: [], diagnostics: [], sources: [])
        if let newState { state = newState }
        return update
    }

    /// Brings the site up to date after the files at `changedPaths` (relative to the root, e.g.
    /// `content/guides/x.md`, `templates/page.mustache`) changed, appeared or disappeared.
    public func update(changedPaths: [String]) async -> SiteUpdate {
        let paths = pending.union(changedPaths.filter(Self.isSource))
        // Taken out while it changes, so that it is changed in place rather than copied.
        guard var state = state.take() else {
            let (update, newState) = await renderAll(
                content: nil, theme: nil, previous: nil, changed: paths, diagnostics: [], sources: paths.sorted())
            self.state = newState
            pending = newState == nil ? paths : []
            return update
        }
        let relevant = paths.filter { exists($0) || state.knew($0) }
        guard !relevant.isEmpty else {
            self.state = state
            pending = []
            return SiteUpdate(isComplete: false, succeeded: true)
        }
        let update = await apply(relevant, to: &state)
        self.state = state
        pending = update.succeeded ? [] : relevant
        return update
    }

    /// Whether a changed path can matter: under `content/` or `templates/`, no hidden file or folder.
    static func isSource(_ path: String) -> Bool {
        (path.hasPrefix("content/") || path.hasPrefix("templates/"))
            && !path.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    private nonisolated func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: absolute(path))
    }

    private nonisolated func absolute(_ path: String) -> String { root + "/" + path }

    private nonisolated var templatesDirectory: String { root + "/templates" }

    // MARK: - Deciding what to redo

    /// Brings `state` up to date after `paths` changed; on failure it is left as the last good site.
    private func apply(_ paths: Set<String>, to state: inout SiteRenderState) async -> SiteUpdate {
        let sources = paths.sorted()
        let templatePaths = paths.filter { $0.hasPrefix("templates/") }
        let themeChanged = templatePaths.contains { !$0.hasPrefix("templates/static/") }
        let contentPaths = paths.filter { $0.hasPrefix("content/") }
        var diagnostics: [Diagnostic] = []

        var theme = state.theme
        if themeChanged {
            let (loaded, themeDiagnostics) = SiteTheme.load(directory: templatesDirectory, displayPath: "templates")
            diagnostics += themeDiagnostics
            guard let loaded else { return Self.failure(diagnostics, sources: sources) }
            theme = loaded
        }

        var content: (files: HandbookFiles, handbook: Handbook)?
        if !contentPaths.isEmpty, !themeChanged {
            // Sources edited in place: only they are read again, and rendered again with what shows them.
            switch await renderChanges(of: contentPaths, in: &state, diagnostics: diagnostics, sources: sources) {
            case .rendered(let update):
                return addingStaticFiles(templatePaths, theme: theme, to: update, state: &state, paths: paths)
            case .failed(let update):
                return update
            case .everything(let reassembled):
                content = reassembled
            }
        } else if !contentPaths.isEmpty {
            var handbook = state.handbook
            switch state.files.reread(contentPaths, updating: &handbook) {
            case .patched(let found):
                diagnostics += found
                content = (state.files, handbook)
            case .failed(let found):
                return Self.failure(diagnostics + found, sources: sources)
            case .reassemble:
                let (handbook, found) = state.files.handbook()
                diagnostics += found
                guard let handbook, !found.hasErrors else { return Self.failure(diagnostics, sources: sources) }
                content = (state.files, handbook)
            case .readAgain:
                break
            }
        } else if !themeChanged {
            // Theme assets changed alone: copy or remove just those.
            let update = SiteUpdate(isComplete: false, succeeded: true, diagnostics: diagnostics, sources: sources)
            return addingStaticFiles(templatePaths, theme: theme, to: update, state: &state, paths: paths)
        }
        if content == nil, !contentPaths.isEmpty {
            guard let loaded = read(into: &diagnostics) else { return Self.failure(diagnostics, sources: sources) }
            content = loaded
        }
        let (update, newState) = await renderAll(
            content: content ?? (state.files, state.handbook), theme: theme,
            frames: themeChanged ? nil : state.renderer.layout.frames, previous: state, changed: paths,
            diagnostics: diagnostics, sources: sources)
        if let newState { state = newState }
        return update
    }

    /// Reads every file again; nil (with diagnostics) when the handbook has errors.
    private nonisolated func read(into diagnostics: inout [Diagnostic]) -> (files: HandbookFiles, handbook: Handbook)? {
        let (files, loadDiagnostics) = load()
        diagnostics += loadDiagnostics
        guard let files, !loadDiagnostics.hasErrors else { return nil }
        let (handbook, found) = files.handbook()
        diagnostics += found
        guard let handbook, !found.hasErrors else { return nil }
        return (files, handbook)
    }

    /// `update` with the theme's static files that changed copied and those that are gone removed.
    private nonisolated func addingStaticFiles(
        _ templatePaths: Set<String>, theme: SiteTheme, to update: SiteUpdate, state: inout SiteRenderState,
        paths: Set<String>
    ) -> SiteUpdate {
        guard !templatePaths.isEmpty else { return update }
        var update = update
        let staticFiles = Set(theme.staticFiles().map { "static/" + $0 })
        for file in staticFiles where paths.contains("templates/" + file) || !state.staticFiles.contains(file) {
            update.copies[file] = templatesDirectory + "/" + file
        }
        update.removed += state.staticFiles.subtracting(staticFiles).sorted()
        state.staticFiles = staticFiles
        return update
    }

    // MARK: - Rendering what a change reaches

    private enum ChangeOutcome {
        case rendered(SiteUpdate)
        case failed(SiteUpdate)
        /// The change reaches the whole site (a page appeared or disappeared, an id changed): render
        /// everything, with the handbook as assembled again when it was (nil: read everything again).
        case everything((files: HandbookFiles, handbook: Handbook)?)
    }

    /// What an edit changed of one source: the old and new value of a policy, quiz or page.
    private enum SourceChange {
        case policy(before: Policy, after: Policy)
        case quiz(before: Quiz, after: Quiz)
        case page(before: HandbookPage, after: HandbookPage)
    }

    /// Re-reads the sources at `paths` (edited in place) and renders them again with what shows what
    /// changed in them, changing `state` in place; on failure `state` is left as the last good site.
    private func renderChanges(
        of paths: Set<String>, in state: inout SiteRenderState, diagnostics initial: [Diagnostic], sources: [String]
    ) async -> ChangeOutcome {
        var diagnostics = initial
        let old = (
            policies: state.handbook.policies.filter { paths.contains($0.sourcePath) },
            quizzes: state.handbook.quizzes.filter { paths.contains($0.sourcePath) },
            pages: state.handbook.pages.filter { paths.contains($0.sourcePath) }
        )
        switch state.files.reread(paths, updating: &state.handbook) {
        case .patched(let found):
            diagnostics += found
        case .failed(let found):
            return .failed(Self.failure(diagnostics + found, sources: sources))
        case .reassemble:
            let (handbook, found) = state.files.handbook()
            diagnostics += found.filter { $0.severity == .error || paths.contains($0.location?.path ?? "") }
            guard let handbook, !found.hasErrors else {
                return .failed(Self.failure(diagnostics, sources: sources))
            }
            return .everything((state.files, handbook))
        case .readAgain:
            return .everything(nil)
        }
        // Patched in place: every edited source is still there, with its id and draft state.
        let new = state.handbook
        /// Puts the edited sources back as they were in the handbook (the state holds the last good
        /// site: a rebuild that fails, or renders everything from `new`, leaves it as it was).
        func restoreHandbook(_ state: inout SiteRenderState) {
            for before in old.policies {
                if let index = state.handbook.policies.firstIndex(where: { $0.sourcePath == before.sourcePath }) {
                    state.handbook.policies[index] = before
                }
            }
            for before in old.quizzes {
                if let index = state.handbook.quizzes.firstIndex(where: { $0.sourcePath == before.sourcePath }) {
                    state.handbook.quizzes[index] = before
                }
            }
            for before in old.pages {
                if let index = state.handbook.pages.firstIndex(where: { $0.sourcePath == before.sourcePath }) {
                    state.handbook.pages[index] = before
                }
            }
        }
        var changes: [SourceChange] = []
        for before in old.policies {
            guard let after = new.policies.first(where: { $0.sourcePath == before.sourcePath }) else {
                restoreHandbook(&state)
                return .everything((state.files, new))
            }
            changes.append(.policy(before: before, after: after))
        }
        for before in old.quizzes {
            guard let after = new.quizzes.first(where: { $0.sourcePath == before.sourcePath }) else {
                restoreHandbook(&state)
                return .everything((state.files, new))
            }
            changes.append(.quiz(before: before, after: after))
        }
        for before in old.pages {
            guard let after = new.pages.first(where: { $0.sourcePath == before.sourcePath }) else {
                restoreHandbook(&state)
                return .everything((state.files, new))
            }
            changes.append(.page(before: before, after: after))
        }
        /// Puts the handbook and the plan back as they were (after a rebuild that failed).
        func restore(_ state: inout SiteRenderState, patchedPlan: Bool) {
            restoreHandbook(&state)
            guard patchedPlan else { return }
            for change in changes {
                switch change {
                case .policy(let before, _): _ = state.renderer.plan.replace(before)
                case .quiz(let before, _): _ = state.renderer.plan.replace(before, root: root)
                case .page(let before, _): _ = state.renderer.plan.replace(before)
                }
            }
        }

        // What shows what changed, besides the edited pages themselves (found before the plan changes).
        var toRender: Set<String> = []
        var homeChanged = false
        // What the server grades, admits and lays out its pages by (quizzes, policies' titles and
        // versions, the navigation) changed: it then takes the new handbook (see SiteUpdate.handbook).
        var handbookChanged = false
        var patchable = true
        for change in changes {
            let plan = state.plan
            switch change {
            case .policy(let before, let after):
                handbookChanged = handbookChanged || before.title != after.title || before.version != after.version
                if let url = plan.sourceURLs[after.sourcePath] { toRender.insert(url) }
                if after.title != before.title {
                    // The quizzes covering it list it by title.
                    for quiz in new.quizzes where quiz.policies.contains(after.id) {
                        toRender.insert(SiteURL.forQuiz(quiz.id))
                    }
                }
                if after.title != before.title || after.owner != before.owner || after.version != before.version
                    || after.nextReview != before.nextReview
                {
                    homeChanged = true  // it lists every policy with these
                }
                patchable =
                    patchable && before.id == after.id && before.section == after.section
                    && before.draft == after.draft
            case .quiz(let before, let after):
                handbookChanged = true
                toRender.insert(SiteURL.forQuiz(after.id))
                if after.title != before.title || after.policies != before.policies {
                    // The policies it covers (before and after) list it by title.
                    for id in before.policies + after.policies {
                        if let policy = plan.policiesByID[id], let url = plan.sourceURLs[policy.sourcePath] {
                            toRender.insert(url)
                        }
                    }
                }
                patchable =
                    patchable && before.id == after.id && before.policies == after.policies
                    && before.draft == after.draft
            case .page(let before, let after):
                if let url = plan.sourceURLs[after.sourcePath] { toRender.insert(url) }
                patchable =
                    patchable && before.draft == after.draft && before.isIndex == after.isIndex
                    && before.section == after.section && (!after.isIndex || before.title == after.title)
            }
        }

        // Most edits change a page's text, or what its group lists of it: the plan is patched in place.
        // Else it is planned again. Either way, a changed navigation is compared with the old one: the
        // sidebars that show a change are rendered again, and the pages they are on.
        let options = options(for: new)
        let oldNavigation = state.plan.navigation
        var replanned: PageRenderer?
        if patchable {
            for (number, change) in changes.enumerated() {
                let done: Bool
                switch change {
                case .policy(_, let after): done = state.renderer.plan.replace(after)
                case .quiz(_, let after): done = state.renderer.plan.replace(after, root: root)
                case .page(_, let after): done = state.renderer.plan.replace(after)
                }
                if !done {
                    // Unexpected (the checks above say it is patchable): put back what was patched, plan anew.
                    for change in changes.prefix(number) {
                        switch change {
                        case .policy(let before, _): _ = state.renderer.plan.replace(before)
                        case .quiz(let before, _): _ = state.renderer.plan.replace(before, root: root)
                        case .page(let before, _): _ = state.renderer.plan.replace(before)
                        }
                    }
                    patchable = false
                    break
                }
            }
        }
        if !patchable {
            let plan = SitePlan(handbook: new, includeDrafts: self.options.includeDrafts)
            guard plan.diagnostics.isEmpty, plan.pages.map(\.url) == state.plan.pages.map(\.url) else {
                restoreHandbook(&state)
                return .everything((state.files, new))
            }
            replanned = PageRenderer(
                plan: plan, layout: state.renderer.layout, resolver: LinkResolver(plan: plan),
                sidebars: state.renderer.sidebars, options: options)
        }
        var renderer = replanned ?? state.renderer
        renderer.options = options
        if renderer.plan.navigation.groups != oldNavigation.groups {
            let navigation = SiteNavigation.Changes(from: oldNavigation, to: renderer.plan.navigation)
            let layout = SiteLayout(
                theme: state.theme, navigation: renderer.plan.navigation, config: new.config,
                frames: state.renderer.layout.frames)
            var wanted: [(key: String, groupKey: String?, pathToRoot: String)] = []
            var seen: Set<String> = []
            for page in renderer.plan.pages
            where navigation.allSidebars || navigation.sidebarGroups.contains(page.groupKey ?? "\u{0}") {
                let key = PageRenderer.sidebarKey(groupKey: page.groupKey, pathToRoot: page.pathToRoot)
                if seen.insert(key).inserted { wanted.append((key, page.groupKey, page.pathToRoot)) }
            }
            let rendered = ParallelMap.map(wanted) {
                layout.sidebar(groupKey: $0.groupKey, pathToRoot: $0.pathToRoot)
            }
            var sidebars = renderer.sidebars
            for (item, sidebar) in zip(wanted, rendered) { sidebars[item.key] = sidebar }
            for page in renderer.plan.pages {
                let key = PageRenderer.sidebarKey(groupKey: page.groupKey, pathToRoot: page.pathToRoot)
                let (before, after) = oldNavigation.neighbours(of: page.url)
                let (newBefore, newAfter) = renderer.plan.navigation.neighbours(of: page.url)
                if sidebars[key] != renderer.sidebars[key] || before != newBefore || after != newAfter {
                    toRender.insert(page.url)
                } else if case .section(let groupKey) = page.kind, navigation.entriesChanged.contains(groupKey) {
                    toRender.insert(page.url)  // the listing of its group
                }
            }
            homeChanged = true  // it lists every group with its title and size
            handbookChanged = true  // the server's own pages show the navigation
            renderer.layout = layout
            renderer.sidebars = sidebars
        }
        if homeChanged { toRender.insert("index.html") }

        var update = SiteUpdate(isComplete: false, succeeded: true, diagnostics: diagnostics, sources: sources)
        let pages = toRender.sorted().compactMap { url in
            renderer.plan.position(of: url).map { renderer.plan.pages[$0] }
        }
        let previous = pages.map { state.pages[$0.url] }
        let pageRenderer = renderer
        let rendered = ParallelMap.map(Array(zip(pages, previous))) { item in
            Self.render(item.0, with: pageRenderer, previous: item.1)
        }
        update.renderedPageCount = pages.count

        // Links to headings: those of the pages rendered again, and those naming a page whose headings
        // changed, checked against the headings as they are now.
        var headingsChanged: Set<String> = []
        var newHeadings: [String: Set<String>] = [:]
        for (page, result) in zip(pages, rendered) {
            update.diagnostics += result.diagnostics
            if result.page.headingIDs != state.pages[page.url]?.headingIDs {
                headingsChanged.insert(page.url)
                newHeadings[page.url] = Set(result.page.headingIDs)
            }
        }
        let headingIDs = { (url: String) in newHeadings[url] ?? state.headingIDs(of: url) }
        for result in rendered {
            update.diagnostics += renderer.anchorDiagnostics(result.page.anchorLinks, headingIDs: headingIDs)
        }
        if !headingsChanged.isEmpty {
            let renderedURLs = Set(pages.map(\.url))
            for (url, page) in state.pages
            where !renderedURLs.contains(url)
                && page.anchorLinks.contains(where: { headingsChanged.contains($0.reference.page) })
            {
                update.diagnostics += renderer.anchorDiagnostics(page.anchorLinks, headingIDs: headingIDs)
            }
        }
        guard !update.diagnostics.hasErrors else {
            restore(&state, patchedPlan: replanned == nil)
            return .failed(Self.failure(update.diagnostics, sources: sources))
        }

        // The rebuild holds: keep what it rendered.
        state.renderer = renderer
        var searchChanged = false
        for (page, result) in zip(pages, rendered) {
            if let html = result.html { update.files[page.url] = html }
            state.pages[page.url] = result.page
            if let index = state.plan.position(of: page.url), state.searchFragments[index] != result.searchFragment {
                state.searchFragments[index] = result.searchFragment
                searchChanged = true
            }
        }
        if searchChanged {
            update.searchIndex = SearchIndexText(fragments: state.searchFragments.compactMap { $0 })
            state.searchIndexDigest = []  // not worth hashing 10,000 entries again: it did change
        }
        if handbookChanged {
            update.handbook = state.handbook
            update.layout = state.renderer.layout
        }
        return .rendered(update)
    }

    // MARK: - Rendering everything

    /// Renders every page (reading the handbook and loading the theme when not given) and lists what
    /// differs from `previous` (everything when there is none).
    private nonisolated func renderAll(
        content given: (files: HandbookFiles, handbook: Handbook)?, theme givenTheme: SiteTheme?,
        frames: TemplateFrames? = nil, previous: SiteRenderState?, changed: Set<String>,
        diagnostics initial: [Diagnostic], sources: [String]
    ) async -> (SiteUpdate, SiteRenderState?) {
        var diagnostics = initial
        var content = given
        if content == nil { content = read(into: &diagnostics) }
        var theme = givenTheme
        if theme == nil {
            let (loaded, themeDiagnostics) = SiteTheme.load(directory: templatesDirectory, displayPath: "templates")
            diagnostics += themeDiagnostics
            theme = loaded
        }
        guard let (files, handbook) = content, let theme else {
            return (Self.failure(diagnostics, sources: sources), nil)
        }

        let plan = SitePlan(handbook: handbook, includeDrafts: options.includeDrafts)
        diagnostics += plan.diagnostics
        let renderer = await PageRenderer.make(
            plan: plan, theme: theme, config: handbook.config, options: options(for: handbook),
            frames: frames, rendersAgain: true)
        let previousPages = previous?.pages ?? [:]
        let rendered = ParallelMap.map(plan.pages) { page in
            Self.render(page, with: renderer, previous: previousPages[page.url])
        }

        var update = SiteUpdate(isComplete: previous == nil, succeeded: true, sources: sources)
        var pages: [String: SiteRenderState.RenderedPage] = [:]
        pages.reserveCapacity(plan.pages.count)
        for (page, result) in zip(plan.pages, rendered) {
            diagnostics += result.diagnostics
            if let html = result.html { update.files[page.url] = html }
            pages[page.url] = result.page
        }
        let headingIDs = pages.mapValues { Set($0.headingIDs) }
        for result in rendered { diagnostics += renderer.anchorDiagnostics(result.page.anchorLinks) { headingIDs[$0] } }
        update.diagnostics = diagnostics
        update.renderedPageCount = plan.pages.count
        guard !diagnostics.hasErrors else { return (Self.failure(diagnostics, sources: sources), nil) }
        update.handbook = handbook
        update.layout = renderer.layout

        let searchFragments = rendered.map(\.searchFragment)
        let searchIndex = SearchIndexText(fragments: searchFragments.compactMap { $0 })
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
            files: files, handbook: handbook, theme: theme, renderer: renderer, pages: pages,
            searchFragments: searchFragments, searchIndexDigest: searchIndexDigest, staticFiles: staticFiles,
            assets: assets)
        return (update, state)
    }

    // MARK: - One page

    private struct RenderedResult: Sendable {
        var page: SiteRenderState.RenderedPage
        var searchFragment: String?
        /// The HTML when it differs from the previous rendering.
        var html: String?
        var diagnostics: [Diagnostic]
    }

    private static func render(
        _ page: SitePage, with renderer: PageRenderer, previous: SiteRenderState.RenderedPage?
    ) -> RenderedResult {
        let output = renderer.render(page)
        let digest = SiteRenderState.digest(output.html)
        return RenderedResult(
            page: SiteRenderState.RenderedPage(
                digest: digest, headingIDs: output.headingIDs, anchorLinks: output.anchorLinks),
            searchFragment: output.searchEntry.map(SearchIndex.fragment(of:)),
            html: previous?.digest == digest ? nil : String(decoding: output.html, as: UTF8.self),
            diagnostics: output.diagnostics)
    }

    private static func failure(_ diagnostics: [Diagnostic], sources: [String]) -> SiteUpdate {
        SiteUpdate(isComplete: false, succeeded: false, diagnostics: diagnostics, sources: sources)
    }
}
