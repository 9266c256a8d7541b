import Foundation

/// Resolves the links written in Markdown (relative `.md` paths with `#anchors`, as written for
/// GitHub) to the rendered pages' URLs, and says which ones lead nowhere.
///
/// Whether an anchor exists is checked once every page's headings are known (``problem(with:)``):
/// pages are rendered in one pass, and the link's URL does not depend on it.
struct LinkResolver: Sendable {
    enum Resolution: Equatable {
        /// External (`https:`, `mailto:`…) or otherwise left as written.
        case unchanged
        /// An internal link, rewritten relative to the page that holds it.
        case rewritten(String)
        /// Leads nowhere: the reason, for the diagnostic.
        case broken(String)
    }

    /// A heading a link names (`other.md#part`, `#part`): checked once every page is rendered.
    struct AnchorReference: Sendable, Equatable, Hashable {
        /// The URL of the page the heading must be on.
        var page: String
        /// The heading id, percent-decoded.
        var id: String
        /// Whether the link is on that same page (`#part`), for the message.
        var onSamePage: Bool
    }

    private let sourceURLs: [String: String]
    private let draftSources: Set<String>
    private let assets: Set<String>
    private let pageURLs: Set<String>
    /// The Markdown source of each page URL, to name it in messages.
    private let sourceByURL: [String: String]

    init(plan: SitePlan) {
        sourceURLs = plan.sourceURLs
        draftSources = plan.draftSources
        assets = Set(plan.assets)
        pageURLs = Set(plan.pages.map(\.url))
        sourceByURL = Dictionary(
            plan.pages.compactMap { page in page.sourcePath.map { (page.url, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Resolves `destination`, written in the Markdown of `page`, and names the heading it links
    /// to, if any, for ``problem(with:headingIDs:)``.
    func resolution(of destination: String, from page: SitePage) -> (resolution: Resolution, anchor: AnchorReference?) {
        if destination.isEmpty || destination.hasPrefix("//") || Self.hasScheme(destination) {
            return (.unchanged, nil)
        }
        var rest = Substring(destination)
        var fragment: Substring = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        let anchor = Self.decoded(fragment)

        guard !rest.isEmpty else {
            guard !anchor.isEmpty else { return (.unchanged, nil) }
            return (.unchanged, AnchorReference(page: page.url, id: anchor, onSamePage: true))
        }
        let path = Self.decoded(rest)
        guard let target = locate(path, from: page) else {
            if let draft = draftTarget(path, from: page) {
                return (.broken("'\(draft)' is a draft, left out of this build (use --drafts to include drafts)"), nil)
            }
            return (.broken("no such page or file"), nil)
        }
        let reference =
            !anchor.isEmpty && pageURLs.contains(target)
            ? AnchorReference(page: target, id: anchor, onSamePage: false) : nil
        return (.rewritten(page.pathToRoot + target + (fragment.isEmpty ? "" : "#" + fragment)), reference)
    }

    /// Why `reference` leads nowhere, given the heading ids of its page; nil when the heading is there.
    func problem(with reference: AnchorReference, headingIDs: Set<String>?) -> String? {
        guard headingIDs?.contains(reference.id) != true else { return nil }
        return reference.onSamePage
            ? "no heading with id '\(reference.id)' on this page"
            : "no heading with id '\(reference.id)' in \(sourceByURL[reference.page] ?? reference.page)"
    }

    /// `text` with %XX escapes decoded (as written when invalid); most links have none, and
    /// Foundation's decoding is not free.
    private static func decoded(_ text: Substring) -> String {
        let string = String(text)
        guard string.utf8.contains(UInt8(ascii: "%")) else { return string }
        return string.removingPercentEncoding ?? string
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
