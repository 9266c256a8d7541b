import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

@Suite struct LinkCheckTests {
    /// Policy bodies start on line 12 of their file (see SiteFixture.policy).
    @Test func markdownLinksBecomeRelativeLinksToRenderedPages() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        try FileManager.default.createDirectory(
            atPath: fixture.root + "/content/guides/img", withIntermediateDirectories: true)
        try Data("png".utf8).write(to: URL(fileURLWithPath: fixture.root + "/content/guides/img/flow.png"))
        let body = """
            See [storage](storage.md#scope), [access](../access/reviews.md), [guide](../../guides/onboarding.md#first-day),
            [guides](../../guides/), [top](#scope), [site](https://example.com/x.md), [mail](mailto:a@example.com)
            and ![flow](../../guides/img/flow.png).

            ## Scope
            """
        let handbook = fixture.handbook(
            policies: [
                SiteFixture.policy(id: "rotation", body: body), SiteFixture.policy(id: "storage"),
                SiteFixture.policy(id: "reviews", section: "access"),
            ],
            pages: [
                SiteFixture.page("content/guides/onboarding.md", title: "Onboarding", body: "## First day\n"),
                SiteFixture.page("content/guides/index.md", title: "Guides", body: "Guides.\n"),
            ],
            assets: ["guides/img/flow.png"])
        let result = await fixture.build(handbook)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let html = try #require(fixture.read("policies/keys/rotation/index.html"))
        #expect(html.contains("<a href=\"../../../policies/keys/storage/index.html#scope\">storage</a>"))
        #expect(html.contains("<a href=\"../../../policies/access/reviews/index.html\">access</a>"))
        #expect(html.contains("<a href=\"../../../guides/onboarding/index.html#first-day\">guide</a>"))
        #expect(html.contains("<a href=\"../../../guides/index.html\">guides</a>"))
        #expect(html.contains("<a href=\"#scope\">top</a>"))
        #expect(html.contains("<a href=\"https://example.com/x.md\">site</a>"))
        #expect(html.contains("<a href=\"mailto:a@example.com\">mail</a>"))
        #expect(html.contains("<img src=\"../../../guides/img/flow.png\" alt=\"flow\" />"))
        #expect(fixture.read("guides/img/flow.png") == "png")
    }

    @Test func brokenLinksAndAnchorsFailWithFileLineAndTarget() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let body = "Intro.\n\nSee [gone](missing.md) and\n[bad anchor](storage.md#nowhere).\n\n[self](#nope)\n"
        let handbook = fixture.handbook(policies: [
            SiteFixture.policy(id: "rotation", body: body), SiteFixture.policy(id: "storage"),
        ])
        let result = await fixture.build(handbook)
        #expect(!result.wroteSite)
        let errors = result.diagnostics.filter { $0.severity == .error }.sortedByLocation()
        #expect(errors.count == 3, "\(errors)")
        #expect(errors.map { $0.location?.path } == Array(repeating: "content/policies/keys/rotation.md", count: 3))
        #expect(errors.map { $0.location?.line } == [14, 15, 17])
        #expect(errors[0].description.hasPrefix("content/policies/keys/rotation.md:14:"))
        #expect(errors[0].message.hasPrefix("broken link to 'missing.md'"))
        #expect(errors[1].message.hasPrefix("broken link to 'storage.md#nowhere'"))
        #expect(errors[1].message.hasSuffix("no heading with id 'nowhere' in content/policies/keys/storage.md"))
        #expect(errors[2].message.hasPrefix("broken link to '#nope'"))
        #expect(!FileManager.default.fileExists(atPath: fixture.output))
    }

    @Test func warnModeReportsBrokenLinksAsWarningsAndBuilds() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(policies: [SiteFixture.policy(id: "rotation", body: "[gone](missing.md)\n")])
        let result = await fixture.build(handbook, links: .warn)
        #expect(result.wroteSite)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(
            result.diagnostics.first?.location
                == SourceLocation(path: "content/policies/keys/rotation.md", line: 12, column: 1))
        #expect(fixture.read("policies/keys/rotation/index.html")?.contains("href=\"missing.md\"") == true)
    }

    @Test func twoSourcesAtOneURLAreAnError() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(pages: [
            SiteFixture.page("content/guides/setup.md", title: "Setup", body: "A\n"),
            SiteFixture.page("content/guides/setup/index.md", title: "Setup too", body: "B\n"),
        ])
        let result = await fixture.build(handbook)
        #expect(!result.wroteSite)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("guides/setup/index.html"))
    }

    @Test func resolverLeavesSchemesAloneAndRejectsPathsAboveTheRoot() {
        #expect(LinkResolver.hasScheme("https://x"))
        #expect(LinkResolver.hasScheme("mailto:a@b"))
        #expect(!LinkResolver.hasScheme("guide.md"))
        #expect(!LinkResolver.hasScheme("a/b:c.md"))
        #expect(SiteURL.normalize("content/a/../b/./c.md") == "content/b/c.md")
        #expect(SiteURL.normalize("content/../../x") == nil)
        #expect(SiteURL.forSource("content/policies/keys/rotation.md") == "policies/keys/rotation/index.html")
        #expect(SiteURL.forSource("content/guides/index.md") == "guides/index.html")
        #expect(SiteURL.pathToRoot(from: "policies/keys/rotation/index.html") == "../../../")
    }
}
