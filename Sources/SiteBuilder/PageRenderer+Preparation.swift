import HandbookContent

extension PageRenderer {
    /// A renderer for every page of `plan`, with what pages share prepared once: the outlines (heading
    /// ids, for checking links to anchors), the link resolver, the layout, and the sidebar per section
    /// and folder depth. The outlines' diagnostics come back with it.
    static func prepared(
        plan: SitePlan, theme: SiteTheme, config: HandbookConfig, options: SiteBuildOptions
    ) async -> (renderer: PageRenderer, diagnostics: [Diagnostic]) {
        let outlineList = ParallelMap.map(plan.pages) { PageOutline.of($0) }
        var outlines: [String: PageOutline] = [:]
        var diagnostics: [Diagnostic] = []
        for (page, outline) in zip(plan.pages, outlineList) {
            outlines[page.url] = outline
            diagnostics += outline.diagnostics
        }
        let resolver = LinkResolver(plan: plan, anchorsByURL: outlines.mapValues { Set($0.headingIDs) })
        let layout = SiteLayout(theme: theme, navigation: plan.navigation, config: config)
        let renderer = PageRenderer(
            plan: plan, layout: layout, resolver: resolver, outlines: outlines,
            sidebars: layout.sidebars(for: plan.pages), options: options)
        return (renderer, diagnostics)
    }
}
