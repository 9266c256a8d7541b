import Markdown
import Testing

@Suite struct MarkdownLinksTests {
    @Test func linksHaveTheirOwnLines() {
        let source = """
            # Title

            First [one](a.md) and
            then on the next line [two](b.md#part)
            and a third ![img](pic.png).

            - item [three](c.md)

            > quote
            > with [four](#anchor)
            """
        let links = MarkdownDocument(parsing: source).links()
        #expect(links.map(\.destination) == ["a.md", "b.md#part", "pic.png", "c.md", "#anchor"])
        #expect(links.map(\.line) == [3, 4, 5, 7, 10])
        #expect(links.map(\.isImage) == [false, false, true, false, false])
    }

    @Test func linkColumnsPointAtTheBracket() {
        let links = MarkdownDocument(parsing: "See [one](a.md) or [two](b.md)\n").links()
        #expect(links.map(\.column) == [5, 20])
    }

    @Test func rewriteLinksChangesDestinations() {
        let document = MarkdownDocument(parsing: "[a](x.md) [b](https://e.com)\n")
        document.rewriteLinks { $0.hasSuffix(".md") ? "../x/" : $0 }
        #expect(document.renderHTML() == "<p><a href=\"../x/\">a</a> <a href=\"https://e.com\">b</a></p>\n")
    }

    @Test func rewriteTextLeavesCodeAlone() {
        let document = MarkdownDocument(parsing: "say hi `hi` and\n\n```\nhi\n```\n")
        var lines: [Int] = []
        document.rewriteText { text, line in
            lines.append(line)
            return text.replacingOccurrences(of: "hi", with: "HO")
        }
        let html = document.renderHTML()
        #expect(html.contains("say HO <code>hi</code> and"))
        #expect(html.contains("<pre><code>hi\n</code></pre>"))
        #expect(lines == [1, 1])
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
