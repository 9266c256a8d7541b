import Foundation

/// Resolves the links written in Markdown (relative `.md` paths with `#anchors`, as written for
/// GitHub) to the rendered pages' URLs, and says which ones lead nowhere.
struct LinkResolver: Sendable {
    enum Resolution: Equatable {
        /// External (`https:`, `mailto:`…) or otherwise left as written.
        case unchanged
        /// An internal link, rewritten relative to the page that holds it.
        case rewritten(String)
        /// Leads nowhere: the reason, for the diagnostic.
        case broken(String)
    }

    private let sourceURLs: [String: String]
    private let draftSources: Set<String>
    private let assets: Set<String>
    private let pageURLs: Set<String>
    private var anchorsByURL: [String: Set<String>]
    /// The Markdown source of each page URL, to name it in messages.
    private let sourceByURL: [String: String]

    /// - Parameter anchorsByURL: the heading ids of each page.
    init(plan: SitePlan, anchorsByURL: [String: Set<String>]) {
        sourceURLs = plan.sourceURLs
        draftSources = plan.draftSources
        assets = Set(plan.assets)
        pageURLs = Set(plan.pages.map(\.url))
        self.anchorsByURL = anchorsByURL
        sourceByURL = Dictionary(
            plan.pages.compactMap { page in page.sourcePath.map { (page.url, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Resolves `destination`, written in the Markdown of `page`.
    func resolve(_ destination: String, from page: SitePage) -> Resolution {
        if destination.isEmpty || destination.hasPrefix("//") || Self.hasScheme(destination) { return .unchanged }
        var rest = Substring(destination)
        var fragment: Substring = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        let anchor = String(fragment).removingPercentEncoding ?? String(fragment)

        guard !rest.isEmpty else {
            guard !anchor.isEmpty else { return .unchanged }
            return anchorsByURL[page.url, default: []].contains(anchor)
                ? .unchanged : .broken("no heading with id '\(anchor)' on this page")
        }
        let path = String(rest).removingPercentEncoding ?? String(rest)
        guard let target = locate(path, from: page) else {
            if let draft = draftTarget(path, from: page) {
                return .broken("'\(draft)' is a draft, left out of this build (use --drafts to include drafts)")
            }
            return .broken("no such page or file")
        }
        if !anchor.isEmpty, pageURLs.contains(target),
            !anchorsByURL[target, default: []].contains(anchor)
        {
            return .broken("no heading with id '\(anchor)' in \(sourceByURL[target] ?? target)")
        }
        return .rewritten(page.pathToRoot + target + (fragment.isEmpty ? "" : "#" + fragment))
    }

    /// The page a link to an anchor on another page (`other.md#part`) points at, if any: an edit that
    /// changes that page's headings must check the link again (``IncrementalSiteBuilder``).
    func anchoredPage(_ destination: String, from page: SitePage) -> String? {
        guard let hash = destination.firstIndex(of: "#"), destination.index(after: hash) < destination.endIndex,
            !destination.hasPrefix("//"), !Self.hasScheme(destination)
        else { return nil }
        var rest = destination[..<hash]
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        guard !rest.isEmpty else { return nil }
        let path = String(rest).removingPercentEncoding ?? String(rest)
        guard let target = locate(path, from: page), pageURLs.contains(target) else { return nil }
        return target
    }

    /// This resolver with `url`'s heading ids replaced (after an edit of that page alone).
    func replacingAnchors(of url: String, with ids: Set<String>) -> LinkResolver {
        var resolver = self
        resolver.anchorsByURL[url] = ids
        return resolver
    }

    /// The site URL of what `path` names: a published source, a folder's landing page, or an asset.
    private func locate(_ path: String, from page: SitePage) -> String? {
        for candidate in candidates(path, from: page) {
            if let url = sourceURLs[candidate] { return url }
            if let url = sourceURLs[candidate + "/index.md"] { return url }
            guard candidate == "content" || candidate.hasPrefix("content/") else { continue }
            let inContent = String(candidate.dropFirst("content".count).drop { $0 == "/" })
            if assets.contains(inContent) { return inContent }
            let landing = SiteURL.forGroup(inContent)
            if !path.hasSuffix(".md"), pageURLs.contains(landing) { return landing }
        }
        return nil
    }

    private func draftTarget(_ path: String, from page: SitePage) -> String? {
        candidates(path, from: page).first { draftSources.contains($0) }
    }

    /// Root-relative paths `path` may name: relative to the page's folder, or for `/…` to the
    /// root (as on GitHub) and then to `content/`.
    private func candidates(_ path: String, from page: SitePage) -> [String] {
        if path.hasPrefix("/") {
            return [SiteURL.normalize(path), SiteURL.normalize("content" + path)].compactMap { $0 }
        }
        let folder = page.sourcePath.map(SiteURL.directory(of:)) ?? "content"
        return [SiteURL.normalize(folder + "/" + path)].compactMap { $0 }
    }

    /// `https:`, `mailto:`, `tel:`… (RFC 3986 scheme followed by a colon).
    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}
