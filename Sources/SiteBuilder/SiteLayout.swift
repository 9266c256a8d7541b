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

    /// A layout whose navigation shows `handbook`'s sections and pages (drafts only if asked).
    public init(handbook: Handbook, theme: SiteTheme, includeDrafts: Bool = false) {
        let plan = SitePlan(handbook: handbook, includeDrafts: includeDrafts)
        self.init(theme: theme, navigation: plan.navigation, config: handbook.config)
    }

    init(theme: SiteTheme, navigation: SiteNavigation, config: HandbookConfig) {
        self.theme = theme
        self.navigation = navigation
        self.config = config
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

    /// The sidebar: every section, with the pages of the current one listed.
    func sidebar(groupKey: String?, pathToRoot: String) -> String {
        let groups: [[String: Any]] = navigation.groups.map { group in
            var item: [String: Any] = ["title": group.title, "url": pathToRoot + group.url]
            if group.key == groupKey {
                item["current"] = true
                item["entries"] = group.entries.map { ["title": $0.title, "url": pathToRoot + $0.url] }
            }
            return item
        }
        return theme.render("sidebar", context: ["root": pathToRoot, "groups": groups, "siteTitle": config.title])
    }

    /// The sidebar of every section and folder depth among `pages`, by ``PageRenderer/sidebarKey(groupKey:pathToRoot:)``:
    /// rendered once each, then shared by the pages.
    func sidebars(for pages: [SitePage]) -> [String: String] {
        var sidebars: [String: String] = [:]
        for page in pages {
            let key = PageRenderer.sidebarKey(groupKey: page.groupKey, pathToRoot: page.pathToRoot)
            if sidebars[key] == nil {
                sidebars[key] = sidebar(groupKey: page.groupKey, pathToRoot: page.pathToRoot)
            }
        }
        return sidebars
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
        var context: [String: Any] = [
            "lang": "en", "siteTitle": config.title, "root": pathToRoot, "sidebar": sidebar, "content": content,
            "isSearch": isSearch,
        ]
        if let title, title != config.title { context["pageTitle"] = title }
        if !config.organization.isEmpty { context["organization"] = config.organization }
        if let description = description ?? config.description, !description.isEmpty {
            context["description"] = description
        }
        return theme.render("layout", context: context)
    }
}
