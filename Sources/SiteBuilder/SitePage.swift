import HandbookContent

/// One HTML page of the site, content or generated, with where it goes.
struct SitePage: Sendable {
    enum Kind: Sendable {
        case policy(Policy)
        case page(HandbookPage)
        case quiz(Quiz)
        /// The home page; `content/index.md`, when there is one, is its introduction.
        case home(introduction: HandbookPage?)
        /// A generated landing page for a navigation group without an `index.md`.
        case section(groupKey: String)
        case search
    }

    var kind: Kind
    var title: String
    /// The output file relative to the site folder, e.g. `policies/keys/rotation/index.html`.
    var url: String
    /// The navigation group the page belongs to, if any.
    var groupKey: String?
    /// The Markdown source relative to the root; nil for generated pages.
    var sourcePath: String?
    /// Markdown to render (empty for generated pages).
    var body: String
    /// The source line where `body` starts.
    var bodyStartLine: Int

    /// `../` once per folder between the page and the site root.
    var pathToRoot: String { SiteURL.pathToRoot(from: url) }

    /// The policy this page shows; nil for other pages.
    var policy: Policy? {
        if case .policy(let policy) = kind { return policy }
        return nil
    }
}
