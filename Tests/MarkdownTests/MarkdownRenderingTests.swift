import Markdown
import Testing

@Suite struct MarkdownRenderingTests {
    @Test func rawHTMLBlocksAndInlinesAreDropped() {
        let html = MarkdownDocument(parsing: "<script>alert(1)</script>\n\nHello <b onclick=\"x()\">there</b>\n")
            .renderHTML()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b"))
        #expect(!html.contains("onclick"))
        #expect(html.contains("Hello"))
        #expect(html.contains("there"))
    }

    @Test func dangerousLinkDestinationsAreEmptied() {
        let html = MarkdownDocument(
            parsing: "[a](javascript:alert(1)) [b](JavaScript:alert(2)) [c](vbscript:x) [d](https://example.com/ok)\n"
        ).renderHTML()
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.lowercased().contains("vbscript:"))
        #expect(html.contains("<a href=\"\">a</a>"))
        #expect(html.contains("href=\"https://example.com/ok\""))
    }

    @Test func textIsEscaped() {
        let html = MarkdownDocument(parsing: "Use `<key>` & \"quotes\" <not-a-tag\n").renderHTML()
        #expect(html.contains("<code>&lt;key&gt;</code>"))
        #expect(html.contains("&amp;"))
        #expect(!html.contains("<not-a-tag"))
    }

    @Test func headingIDsAreAddedInOrder() {
        let document = MarkdownDocument(parsing: "# One\n\n## Two\n\ntext\n\n## Two\n")
        var slugger = HeadingSlugger()
        let ids = document.headings().map { slugger.slug(for: $0.text) }
        #expect(ids == ["one", "two", "two-1"])
        let html = document.renderHTML(headingIDs: ids)
        #expect(html.contains("<h1 id=\"one\">One</h1>"))
        #expect(html.contains("<h2 id=\"two\">Two</h2>"))
        #expect(html.contains("<h2 id=\"two-1\">Two</h2>"))
    }

    @Test func headingsHaveTextAndLines() {
        let document = MarkdownDocument(parsing: "intro\n\n## Use `kms` *now*\n\nSetext\n======\n")
        #expect(
            document.headings() == [
                MarkdownHeading(level: 2, text: "Use kms now", line: 3),
                MarkdownHeading(level: 1, text: "Setext", line: 5),
            ])
    }

    @Test func nodeEndPositionsCoverTheParagraph() throws {
        let document = MarkdownDocument(parsing: "- [x] first option\n  continues\n")
        let paragraph = try #require(document.allNodes().first { $0.kind == .paragraph })
        #expect(paragraph.startLine == 1)
        #expect(paragraph.startColumn == 3)
        #expect(paragraph.endLine == 2)
        #expect(paragraph.endColumn == 11)
        #expect(document.source == "- [x] first option\n  continues\n")
    }
}
