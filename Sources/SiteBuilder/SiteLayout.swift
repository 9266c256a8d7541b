import Foundation
import HandbookContent
import Markdown

/// The site's frame around every page: head, header with search, sidebar navigation, footer.
///
/// The server uses it to show its own pages (quiz results, "my training", admin status) in the
/// handbook's layout: load the theme once, make a layout once, then call
/// ``renderPage(template:context:title:pathToRoot:)`` per request.
public struct SiteLayout: Sendable {
    /// The theme whose templates render the pages.
    public let theme: SiteTheme
    let navigation: SiteNavigation
    let config: HandbookConfig
    /// The theme's templates rendered once per shape of context, shared by every page.
    let frames: TemplateFrames

    /// A layout whose navigation shows `handbook`'s sections and pages (drafts only if asked).
    public init(handbook: Handbook, theme: SiteTheme, includeDrafts: Bool = false) {
        let plan = SitePlan(handbook: handbook, includeDrafts: includeDrafts)
        self.init(theme: theme, navigation: plan.navigation, config: handbook.config)
    }

    /// - Parameter frames: frames of the same theme to keep using (a layout for new navigation).
    init(theme: SiteTheme, navigation: SiteNavigation, config: HandbookConfig, frames: TemplateFrames? = nil) {
        self.theme = theme
        self.navigation = navigation
        self.config = config
        self.frames = frames ?? TemplateFrames(theme: theme)
    }

    /// Renders the template `template` with `context` and puts the result in the site's layout.
    ///
    /// `context` values are escaped by `{{name}}`; only HTML you produced belongs in `{{{name}}}`.
    /// The template also sees `root` (= `pathToRoot`) and `siteTitle`.
    /// - Parameters:
    ///   - title: the page's title, shown in the browser tab before the site's title.
    ///   - pathToRoot: how links reach the site root from the page: `/` for a page served at any
    ///     URL, or `../../` for a page two folders down.
    public func renderPage(template: String, context: [String: Any], title: String, pathToRoot: String = "/") -> String
    {
        var context = context
        context["root"] = pathToRoot
        context["siteTitle"] = config.title
        let content = theme.render(template, context: context)
        return wrap(
            content: content, title: title, pathToRoot: pathToRoot,
            sidebar: sidebar(groupKey: nil, pathToRoot: pathToRoot), description: nil, isSearch: false)
    }

    /// Puts `contentHTML` (HTML you produced, with every value escaped) in the site's layout.
    public func renderPage(contentHTML: String, title: String, pathToRoot: String = "/") -> String {
        wrap(
            content: contentHTML, title: title, pathToRoot: pathToRoot,
            sidebar: sidebar(groupKey: nil, pathToRoot: pathToRoot), description: nil, isSearch: false)
    }

    /// The sidebar: the navigation tree, with every top-level group, and the groups on the way to
    /// `groupKey` open (their pages and the groups inside them listed); the others closed.
    func sidebar(groupKey: String?, pathToRoot: String) -> String {
        let open = Set(groupKey.map(navigation.ancestry(of:)) ?? [])
        func node(_ key: String) -> TemplateValue? {
            guard let group = navigation.group(key) else { return nil }
            let isOpen = open.contains(key)
            var item: TemplateObject = [
                "title": .text(group.label), "url": .text(pathToRoot + group.url), "current": .flag(key == groupKey),
                "open": .flag(isOpen),
            ]
            // Present even when closed, so that a closed group never shows an enclosing group's pages.
            item["entries"] = .list(
                isOpen
                    ? group.entries.map { .object(["title": .text($0.title), "url": .text(pathToRoot + $0.url)]) } : [])
            item["groups"] = .list(isOpen ? group.children.compactMap(node) : [])
            return .object(item)
        }
        let context: TemplateObject = [
            "root": .text(pathToRoot), "groups": .list(navigation.topLevel.compactMap(node)),
            "siteTitle": .text(config.title),
        ]
        return theme.render("sidebar", context: context)
    }

    /// The sidebar of every group and folder depth among `pages`, by ``PageRenderer/sidebarKey(groupKey:pathToRoot:)``:
    /// rendered once each, on every core, then shared by the pages.
    func sidebars(for pages: [SitePage]) async -> [String: String] {
        var seen: Set<String> = []
        var wanted: [(key: String, groupKey: String?, pathToRoot: String)] = []
        for page in pages {
            let key = PageRenderer.sidebarKey(groupKey: page.groupKey, pathToRoot: page.pathToRoot)
            if seen.insert(key).inserted { wanted.append((key, page.groupKey, page.pathToRoot)) }
        }
        let rendered = ParallelMap.map(wanted) { sidebar(groupKey: $0.groupKey, pathToRoot: $0.pathToRoot) }
        return Dictionary(uniqueKeysWithValues: zip(wanted.map(\.key), rendered))
    }

    /// Marks the link to the page itself in a pre-rendered sidebar.
    static func markCurrent(_ url: String, in sidebar: String) -> String {
        // A plain byte search: Foundation's searches convert or walk generically, and this runs per page.
        var href = "href=\"\(HTMLEscaping.attribute(url))\""
        var sidebar = sidebar
        let end: Int? = sidebar.withUTF8 { haystack in
            href.withUTF8 { needle in
                guard let first = needle.first, needle.count <= haystack.count else { return nil }
                var index = 0
                while index <= haystack.count - needle.count {
                    if haystack[index] == first,
                        memcmp(haystack.baseAddress! + index, needle.baseAddress!, needle.count) == 0
                    {
                        return index + needle.count
                    }
                    index += 1
                }
                return nil
            }
        }
        guard let end else { return sidebar }
        let bytes = Array(sidebar.utf8)
        return String(decoding: bytes[..<end] + Array(" aria-current=\"page\"".utf8) + bytes[end...], as: UTF8.self)
    }

    /// The whole HTML document around `content`.
    func wrap(
        content: String, title: String?, pathToRoot: String, sidebar: String, description: String?, isSearch: Bool
    ) -> String {
        var output: [UInt8] = []
        wrap(
            content: content, title: title, pathToRoot: pathToRoot, sidebar: sidebar, description: description,
            isSearch: isSearch, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the whole HTML document around `content` to `output`.
    func wrap(
        content: String, title: String?, pathToRoot: String, sidebar: String, description: String?, isSearch: Bool,
        into output: inout [UInt8]
    ) {
        var context: TemplateObject = [
            "lang": .text("en"), "siteTitle": .text(config.title), "root": .text(pathToRoot), "sidebar": .text(sidebar),
            "content": .text(content), "isSearch": .flag(isSearch),
        ]
        if let title, title != config.title { context["pageTitle"] = .text(title) }
        if !config.organization.isEmpty { context["organization"] = .text(config.organization) }
        if let description = description ?? config.description, !description.isEmpty {
            context["description"] = .text(description)
        }
        frames.render("layout", context, into: &output)
    }
}
