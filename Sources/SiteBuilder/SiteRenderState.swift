import Crypto
import Foundation
import HandbookContent

/// The last good rendering of a site, kept by ``IncrementalSiteBuilder`` between rebuilds: what was
/// loaded, what the pages share (plan, navigation, sidebars, outlines), and per page what a later
/// rebuild compares against. It never holds a site with errors.
struct SiteRenderState: Sendable {
    /// What is kept of one rendered page (not its HTML: a digest tells whether it changed).
    struct RenderedPage: Sendable {
        /// SHA-256 of its HTML.
        var digest: [UInt8]
        /// Its search index entry as JSON, if it has one.
        var searchFragment: String?
        /// Pages whose anchors it links to.
        var anchoredPages: Set<String>
    }

    var handbook: Handbook
    var theme: SiteTheme
    var plan: SitePlan
    var layout: SiteLayout
    var outlines: [String: PageOutline]
    var resolver: LinkResolver
    var sidebars: [String: String]
    /// By page URL.
    var pages: [String: RenderedPage]
    /// SHA-256 of `search-index.json`; empty when not known (after an incremental rebuild changed it).
    var searchIndexDigest: [UInt8]
    /// Theme files published, relative to the site folder (`static/style.css`).
    var staticFiles: Set<String>
    /// Content files copied along, relative to the site folder.
    var assets: Set<String>

    /// Whether `path` (root-relative) is the source of an ordinary page published in this site.
    func isPageSource(_ path: String) -> Bool {
        path.hasSuffix(".md") && !path.hasPrefix("content/policies/") && !path.hasPrefix("content/quizzes/")
            && plan.sourceURLs[path] != nil
    }

    /// Whether `path` (root-relative, no longer on disk) was part of what this site was built from:
    /// a source, a copied file, or a folder holding one. Files that come and go between two looks
    /// (an editor's temporary files) were not.
    func knew(_ path: String) -> Bool {
        if path.hasPrefix("templates/") || path.hasPrefix("content/data/") || path == "content/handbook.yml" {
            return true
        }
        let sources =
            handbook.policies.map(\.sourcePath) + handbook.quizzes.map(\.sourcePath) + handbook.pages.map(\.sourcePath)
            + handbook.assets.map { "content/" + $0 }
        let folder = path + "/"
        return sources.contains { $0 == path || $0.hasPrefix(folder) }
    }

    /// SHA-256 of `text`'s UTF-8.
    static func digest(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { Array(SHA256.hash(data: $0)) }
    }
}
