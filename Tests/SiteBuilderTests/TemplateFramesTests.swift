import Foundation
import Testing

@testable import SiteBuilder

/// Pages spliced into a template's frame must be byte for byte what the template engine renders.
@Suite struct TemplateFramesTests {
    private static func theme(_ templates: [String: String]) throws -> SiteTheme {
        var sources = Dictionary(uniqueKeysWithValues: SiteTheme.requiredTemplates.map { ($0, "") })
        sources.merge(templates) { _, new in new }
        let (theme, diagnostics) = SiteTheme.make(sources: sources)
        return try #require(theme, "\(diagnostics)")
    }

    /// A page-like context: texts that need escaping, an optional summary, a list, a flag, a number.
    private static func context(_ number: Int, summary: Bool = true, items: Int = 3) -> TemplateObject {
        var context: TemplateObject = [
            "title": .text("Page \(number) <b>&</b> \"quoted\" 'single'"),
            "body": .text("<p>Body \(number) &amp; more</p>"),
            "root": .text(String(repeating: "../", count: number % 3)),
        ]
        if summary { context["summary"] = .text("Summary é\u{301} \(number)") }
        context["toc"] = .list(
            (0..<items).map {
                .object([
                    "id": .text("h\($0)-\(number)"), "text": .text("Heading \($0) > \(number)"),
                    "nested": .flag($0 % 2 == 1),
                ])
            })
        context["hasToc"] = .flag(items > 0)
        context["count"] = .number(items)
        return context
    }

    private static let page = """
        <h1>{{title}}</h1>{{#summary}}<p class="summary">{{summary}}</p>{{/summary}}
        {{^summary}}<p>No summary</p>{{/summary}}
        {{#hasToc}}<ul>{{#toc}}<li{{#nested}} class="n"{{/nested}}><a href="{{root}}#{{id}}">{{text}}</a></li>{{/toc}}</ul>{{/hasToc}}
        <p>{{count}} headings</p>
        {{{body}}}
        """

    @Test func splicedPagesAreWhatTheEngineRenders() throws {
        let theme = try Self.theme(["page": Self.page])
        let frames = TemplateFrames(theme: theme)
        for number in 0..<60 {
            let context = Self.context(number, summary: number % 4 != 0, items: number % 5)
            #expect(frames.render("page", context) == theme.render("page", context: context), "page \(number)")
        }
    }

    @Test func aQuoteJoinedToACombiningMarkIsEscapedAsTheEngineDoes() throws {
        let theme = try Self.theme(["page": "<a title=\"{{title}}\">{{{title}}}</a>"])
        let frames = TemplateFrames(theme: theme)
        for title in ["plain", "a \"\u{301}b", "<\u{301}&\u{301}>", "'\u{20DD}", "&amp; \"x\"", ""] {
            let context: TemplateObject = ["title": .text(title)]
            #expect(frames.render("page", context) == theme.render("page", context: context), "\(title)")
            // Twice: the second one is spliced into the frame the first one made.
            #expect(frames.render("page", context) == theme.render("page", context: context), "\(title)")
        }
    }

    @Test func templatesWhoseOutputDependsOnTheTextsAreRenderedEachTime() throws {
        let theme = try Self.theme([
            "page":
                "{{uppercased(title)}} {{#reversed(tags)}}{{.}},{{/reversed(tags)}} {{#sorted(tags)}}{{.}};{{/sorted(tags)}}"
        ])
        let frames = TemplateFrames(theme: theme)
        let contexts: [TemplateObject] = [
            ["title": .text("first"), "tags": .list([.text("b"), .text("a"), .text("c")])],
            ["title": .text("second"), "tags": .list([.text("z"), .text("y"), .text("x")])],
            ["title": .text("third"), "tags": .list([.text("m"), .text("n"), .text("l")])],
        ]
        for context in contexts + contexts {
            #expect(frames.render("page", context) == theme.render("page", context: context))
        }
    }

    @Test func theDefaultThemeSplicesThePagesItRenders() throws {
        let sources = Dictionary(
            uniqueKeysWithValues: DefaultTheme.files.filter { $0.path.hasSuffix(".mustache") }.map {
                (String($0.path.dropLast(".mustache".count)), $0.contents)
            })
        let theme = try #require(SiteTheme.make(sources: sources).theme)
        let frames = TemplateFrames(theme: theme)
        for number in 0..<20 {
            var context = Self.context(number, summary: number % 3 != 0, items: number % 4)
            context["breadcrumb"] = .list([.object(["title": .text("Home"), "url": .text("../index.html")])])
            context["hasBreadcrumb"] = .flag(true)
            context["showTitle"] = .flag(number % 2 == 0)
            context["sourcePath"] = .text("content/guides/page-\(number).md")
            context["previous"] = .object(["title": .text("Before \(number)"), "url": .text("../b/index.html")])
            context["hasPager"] = .flag(true)
            #expect(frames.render("page", context) == theme.render("page", context: context), "page \(number)")
            let layout: TemplateObject = [
                "lang": .text("en"), "siteTitle": .text("Handbook & co"), "root": .text("../"),
                "sidebar": .text("<ul><li>nav \(number)</li></ul>"), "content": .text("<p>\(number)</p>"),
                "isSearch": .flag(number == 7), "pageTitle": .text("Page <\(number)>"),
            ]
            #expect(frames.render("layout", layout) == theme.render("layout", context: layout), "layout \(number)")
        }
    }
}
