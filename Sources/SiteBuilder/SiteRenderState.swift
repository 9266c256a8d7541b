import Crypto
import Foundation
import HandbookContent

/// The last good rendering of a site, kept by ``IncrementalSiteBuilder`` between rebuilds: what was
/// read, what the pages share (plan, layout, sidebars, link resolver), and per page what a later
/// rebuild compares against. It never holds a site with errors.
struct SiteRenderState: Sendable {
    /// What is kept of one rendered page (not its HTML: a digest tells whether it changed).
    struct RenderedPage: Sendable {
        /// SHA-256 of its HTML.
        var digest: [UInt8]
        /// The ids of its headings.
        var headingIDs: [String]
        /// The headings its links name (checked again when those pages' headings change).
        var anchorLinks: [PageRenderer.AnchorLink]
    }

    /// Every file of content/ as read, to re-read only what changes.
    var files: HandbookFiles
    var handbook: Handbook
    var theme: SiteTheme
    /// What renders the pages, with the plan, the layout and the sidebars.
    var renderer: PageRenderer
    /// By page URL.
    var pages: [String: RenderedPage]
    /// Each page's search index entry as JSON (nil for pages without one), in the plan's order.
    var searchFragments: [String?]
    /// SHA-256 of `search-index.json`; empty when not known (after an incremental rebuild changed it).
    var searchIndexDigest: [UInt8]
    /// Theme files published, relative to the site folder (`static/style.css`).
    var staticFiles: Set<String>
    /// Content files copied along, relative to the site folder.
    var assets: Set<String>

    var plan: SitePlan { renderer.plan }

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

    /// The heading ids of the page at `url`.
    func headingIDs(of url: String) -> Set<String>? { pages[url].map { Set($0.headingIDs) } }

    /// SHA-256 of `text`'s UTF-8.
    static func digest(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { Array(SHA256.hash(data: $0)) }
    }

    /// SHA-256 of `bytes`.
    static func digest(_ bytes: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: bytes)) }
}
