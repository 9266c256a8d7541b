import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

@Suite struct NavigationTests {
    @Test func groupsFollowTheConfiguredSectionOrderThenTheAlphabet() throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(
            policies: [
                SiteFixture.policy(id: "rotation", section: "keys"),
                SiteFixture.policy(id: "reviews", section: "access"),
                SiteFixture.policy(id: "general", section: ""),
            ],
            pages: [
                SiteFixture.page("content/guides/a.md", title: "A", body: "A\n"),
                SiteFixture.page("content/about/b.md", title: "B", body: "B\n"),
            ],
            quizzes: [SiteFixture.quiz()],
            config: HandbookConfig(title: "H", sections: ["quizzes", "policies", "keys"]))
        let plan = SitePlan(handbook: handbook, includeDrafts: false)
        #expect(
            plan.navigation.groups.map(\.key) == [
                "quizzes", "policies", "policies/keys", "policies/access", "about", "guides",
            ])
        #expect(plan.navigation.group("policies/access")?.title == "Access")
    }

    @Test func policyFoldersCanBeOrderedAmongPageFoldersByTheirOwnNames() throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(
            policies: [
                SiteFixture.policy(id: "rotation", section: "keys"),
                SiteFixture.policy(id: "reviews", section: "access"),
            ],
            pages: [SiteFixture.page("content/guides/a.md", title: "A", body: "A\n")],
            config: HandbookConfig(title: "H", sections: ["keys", "access", "guides"]))
        let plan = SitePlan(handbook: handbook, includeDrafts: false)
        #expect(plan.navigation.groups.map(\.key) == ["policies/keys", "policies/access", "guides"])
    }

    @Test func pagesInAGroupFollowIndexThenWeightThenTitle() throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        var heavy = SiteFixture.page("content/guides/zeta.md", title: "Zeta", body: "Z\n")
        heavy.weight = 1
        let handbook = fixture.handbook(pages: [
            SiteFixture.page("content/guides/beta.md", title: "Beta", body: "B\n"),
            SiteFixture.page("content/guides/alpha.md", title: "Alpha", body: "A\n"), heavy,
            SiteFixture.page("content/guides/index.md", title: "All guides", body: "I\n"),
        ])
        let plan = SitePlan(handbook: handbook, includeDrafts: false)
        let group = try #require(plan.navigation.group("guides"))
        #expect(group.title == "All guides")
        #expect(group.entries.map(\.title) == ["All guides", "Zeta", "Alpha", "Beta"])
        #expect(plan.navigation.neighbours(of: "guides/alpha/index.html").previous?.title == "Zeta")
    }

    @Test func contentIndexIsTheHomePageIntroductionAndItsAnchorsResolve() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(pages: [
            SiteFixture.page(
                "content/index.md", title: "Welcome", body: "## Start here\n\nRead the [guide](guides/a.md).\n"),
            SiteFixture.page("content/guides/a.md", title: "A", body: "Back to the [start](../index.md#start-here).\n"),
        ])
        let result = await fixture.build(handbook)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let home = try #require(fixture.read("index.html"))
        #expect(home.contains("<h2 id=\"start-here\">Start here</h2>"))
        #expect(home.contains("<a href=\"guides/a/index.html\">guide</a>"))
        let guide = try #require(fixture.read("guides/a/index.html"))
        #expect(guide.contains("<a href=\"../../index.html#start-here\">start</a>"))
    }
}
