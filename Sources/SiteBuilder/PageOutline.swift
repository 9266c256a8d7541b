import HandbookContent
import Markdown

/// What a page's Markdown says about its structure: its heading ids (which links to its anchors
/// are checked against once every page is rendered) and its table of contents.
struct PageOutline: Sendable {
    struct Entry: Sendable {
        var level: Int
        var id: String
        var text: String
    }

    /// The id of every heading, in order (GitHub's slugs, duplicates numbered).
    var headingIDs: [String]
    /// Level 2 and 3 headings: the table of contents.
    var tableOfContents: [Entry]
    /// Whether the Markdown has its own level-1 heading (then the template shows no other).
    var hasTitleHeading: Bool
    /// Problems found while preparing the Markdown (unknown parameter references).
    var diagnostics: [Diagnostic]

    init(document: MarkdownDocument, diagnostics: [Diagnostic]) {
        var slugger = HeadingSlugger()
        var ids: [String] = []
        var entries: [Entry] = []
        var hasTitleHeading = false
        for heading in document.headings() {
            let id = slugger.slug(for: heading.text)
            ids.append(id)
            if heading.level == 1 { hasTitleHeading = true }
            if heading.level == 2 || heading.level == 3 {
                entries.append(Entry(level: heading.level, id: id, text: heading.text))
            }
        }
        headingIDs = ids
        tableOfContents = entries
        self.hasTitleHeading = hasTitleHeading
        self.diagnostics = diagnostics
    }

    /// Parses a page's Markdown and quotes a policy's control parameters into it.
    static func document(for page: SitePage) -> (document: MarkdownDocument, diagnostics: [Diagnostic]) {
        let document = MarkdownDocument(parsing: page.body)
        guard let policy = page.policy else { return (document, []) }
        let diagnostics = ParameterQuoting.apply(
            to: document, controls: policy.controls, sourcePath: policy.sourcePath, bodyStartLine: policy.bodyStartLine)
        return (document, diagnostics)
    }
}
