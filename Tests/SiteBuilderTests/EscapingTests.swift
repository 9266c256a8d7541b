import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

@Suite struct EscapingTests {
    @Test func frontMatterValuesAreEscapedInEveryTemplate() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let script = "<script>alert(1)</script>"
        var control = SiteFixture.control()
        control.title = "Rotated " + script
        let policy = SiteFixture.policy(
            id: "rotation", title: "Rotation " + script, owner: "\"><img src=x onerror=alert(1)>@example.com",
            summary: "Summary " + script, controls: [control])
        var quiz = SiteFixture.quiz()
        quiz.title = "Quiz " + script
        quiz.questions[0].text = "Question " + script
        let page = SiteFixture.page("content/guides/x.md", title: "Guide " + script, body: "Text.\n")
        let result = await fixture.build(
            fixture.handbook(
                policies: [policy], pages: [page], quizzes: [quiz],
                config: HandbookConfig(title: "Handbook " + script, organization: "Org " + script, description: script))
        )
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let files = SiteFixture.snapshot(fixture.output).keys.filter { $0.hasSuffix(".html") }
        #expect(files.count >= 6)
        for file in files {
            let html = try #require(fixture.read(file))
            #expect(!html.contains("<script>alert"), "\(file)")
            #expect(!html.contains("<img src=x"), "\(file)")
        }
        let policyHTML = try #require(fixture.read("policies/keys/rotation/index.html"))
        #expect(policyHTML.contains("Rotation &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(policyHTML.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@example.com"))
        #expect(fixture.read("search-index.json")?.contains("Rotation <script>") == true)  // data, not HTML
    }

    @Test func rawHTMLAndJavascriptLinksInMarkdownAreDropped() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let body = """
            <script>alert(1)</script>

            Text <b onclick="x()">bold</b> and [click](javascript:alert(1)) and [v](vbscript:x).

            <div onmouseover="x()">block</div>
            """
        let result = await fixture.build(fixture.handbook(policies: [SiteFixture.policy(id: "rotation", body: body)]))
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let html = try #require(fixture.read("policies/keys/rotation/index.html"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("onmouseover"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(html.contains(">click</a>"))
    }
}
