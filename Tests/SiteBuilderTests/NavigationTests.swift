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

    /// A handbook of nested folders: the sidebar is a tree, with the way to the current page open.
    @Test func nestedFoldersAreATreeOpenOnTheWayToThePage() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(pages: [
            SiteFixture.page("content/eng/index.md", title: "Engineering", body: "E\n"),
            SiteFixture.page("content/eng/a.md", title: "Eng A", body: "A\n"),
            SiteFixture.page("content/eng/tools/laptops/index.md", title: "Laptops", body: "L\n"),
            SiteFixture.page("content/eng/tools/laptops/setup.md", title: "Laptop setup", body: "S\n"),
            SiteFixture.page("content/eng/tools/editors.md", title: "Editors", body: "Ed\n"),
            SiteFixture.page("content/eng/hiring/process.md", title: "Hiring process", body: "H\n"),
            SiteFixture.page("content/people/benefits.md", title: "Benefits", body: "B\n"),
        ])
        let plan = SitePlan(handbook: handbook, includeDrafts: false)
        let navigation = plan.navigation
        #expect(navigation.topLevel == ["eng", "people"])
        #expect(navigation.group("eng")?.children == ["eng/hiring", "eng/tools"])
        #expect(navigation.group("eng/tools")?.children == ["eng/tools/laptops"])
        #expect(navigation.group("eng/tools/laptops")?.parent == "eng/tools")
        // Under its parent, a folder is named by its landing page's title, else by its own name.
        #expect(navigation.group("eng/tools/laptops")?.label == "Laptops")
        #expect(navigation.group("eng/tools")?.label == "Tools")
        #expect(navigation.group("eng/tools")?.title == "Eng / Tools")
        #expect(navigation.ancestry(of: "eng/tools/laptops") == ["eng/tools/laptops", "eng/tools", "eng"])

        let result = await fixture.build(handbook)
        #expect(result.wroteSite, "\(result.diagnostics)")
        let page = try #require(fixture.read("eng/tools/laptops/setup/index.html"))
        let nav = try #require(
            page.components(separatedBy: "<nav class=\"site-nav\"").last?.components(separatedBy: "</nav>").first)
        // The way down is open: Engineering's pages and folders, Tools' pages and folders, Laptops' pages.
        for shown in ["Eng A", "Hiring", "Tools", "Editors", "Laptops", "Laptop setup", "People"] {
            #expect(nav.contains(">\(shown)</a>"), "\(shown)")
        }
        // Other folders are closed.
        #expect(!nav.contains("Hiring process") && !nav.contains("Benefits"))
        #expect(
            nav.contains(
                "<a href=\"../../../../eng/tools/laptops/setup/index.html\" aria-current=\"page\">Laptop setup</a>"))
        #expect(
            nav.contains(
                "class=\"nav-group nav-current\"><a href=\"../../../../eng/tools/laptops/index.html\">Laptops</a>"))
        // A page of another top-level section sees Engineering closed.
        let benefits = try #require(fixture.read("people/benefits/index.html"))
        let otherNav = try #require(
            benefits.components(separatedBy: "<nav class=\"site-nav\"").last?.components(separatedBy: "</nav>").first)
        #expect(otherNav.contains(">Engineering</a>") && !otherNav.contains("Eng A") && otherNav.contains("Benefits"))
    }
}
