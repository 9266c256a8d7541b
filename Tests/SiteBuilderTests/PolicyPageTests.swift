import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

@Suite struct PolicyPageTests {
    @Test func policyPageShowsMetadataControlsTableOfContentsAndSource() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let control = SiteFixture.control(maxAge: 45)
        let overdue = SiteFixture.policy(
            id: "rotation", title: "Key rotation",
            body: "## Scope\n\nAll keys.\n\n### Details\n\nMore.\n\n## Scope\n\nAgain.\n",
            lastReviewed: CalendarDate(year: 2025, month: 1, day: 1)!, controls: [control])
        let current = SiteFixture.policy(id: "storage", title: "Key storage")
        let handbook = fixture.handbook(policies: [overdue, current], quizzes: [SiteFixture.quiz()])
        let result = await fixture.build(handbook)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.wroteSite)

        let html = try #require(fixture.read("policies/keys/rotation/index.html"))
        #expect(html.contains("<h1>Key rotation</h1>"))
        #expect(html.contains("<dd>owner@example.com</dd>"))
        #expect(html.contains("<dd>2.1</dd>"))
        #expect(html.contains("2025-01-01"))
        #expect(html.contains("2026-01-01"))  // next review: a year after the last
        #expect(html.contains("Overdue"))
        // The rule in words with its number, from the catalogue.
        let rule = ControlCatalogue.ruleDescription(check: control.check, params: control.params)
        #expect(rule.contains("45"))
        #expect(html.contains(rule))
        #expect(html.contains("<code>KEY-ROTATION</code>"))
        // GitHub-style heading ids, duplicates numbered, and a table of contents linking them.
        #expect(html.contains("<h2 id=\"scope\">Scope</h2>"))
        #expect(html.contains("<h3 id=\"details\">Details</h3>"))
        #expect(html.contains("<h2 id=\"scope-1\">Scope</h2>"))
        #expect(html.contains("<a href=\"#scope-1\">Scope</a>"))
        // Relative links everywhere: stylesheet, home, quiz covering it, source hash.
        #expect(html.contains("href=\"../../../static/site.css\""))
        #expect(html.contains("href=\"../../../index.html\""))
        #expect(html.contains("href=\"../../../quizzes/keys-basics/index.html\""))
        #expect(html.contains(String(repeating: "ab", count: 32)))
        #expect(html.contains("content/policies/keys/rotation.md"))
        // Previous/next between the two policies (sorted by title: rotation, storage).
        #expect(html.contains("rel=\"next\" href=\"../../../policies/keys/storage/index.html\""))

        let other = try #require(fixture.read("policies/keys/storage/index.html"))
        #expect(!other.contains("Overdue"))
        #expect(other.contains("rel=\"prev\" href=\"../../../policies/keys/rotation/index.html\""))
    }

    @Test func homePageGroupsPoliciesBySectionWithReviewStatus() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(policies: [
            SiteFixture.policy(
                id: "rotation", title: "Key rotation", lastReviewed: CalendarDate(year: 2025, month: 1, day: 1)!),
            SiteFixture.policy(id: "reviews", title: "Access reviews", section: "access"),
        ])
        let result = await fixture.build(handbook)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let home = try #require(fixture.read("index.html"))
        #expect(home.contains("<a href=\"policies/keys/index.html\">Keys</a>"))
        #expect(home.contains("<a href=\"policies/access/index.html\">Access</a>"))
        #expect(home.contains("<a href=\"policies/keys/rotation/index.html\">Key rotation</a>"))
        #expect(home.contains("owner@example.com"))
        #expect(home.contains("Overdue"))
        // Generated section landing pages exist and list their policies.
        let section = try #require(fixture.read("policies/access/index.html"))
        #expect(section.contains("<a href=\"../../policies/access/reviews/index.html\">Access reviews</a>"))
    }

    @Test func everyPageIsAWholeDocumentWithLandmarksAndUniqueIDs() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(
            policies: [SiteFixture.policy(id: "rotation", controls: [SiteFixture.control()])],
            pages: [
                SiteFixture.page("content/guides/index.md", title: "Guides", body: "# Guides\n\n## Main\n"),
                SiteFixture.page("content/guides/onboarding.md", title: "Onboarding", body: "Welcome.\n## Controls\n"),
            ],
            quizzes: [SiteFixture.quiz()])
        let result = await fixture.build(handbook)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        let files = SiteFixture.snapshot(fixture.output).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(
            files == [
                "guides/index.html", "guides/onboarding/index.html", "index.html", "policies/keys/index.html",
                "policies/keys/rotation/index.html", "quizzes/index.html", "quizzes/keys-basics/index.html",
                "search/index.html",
            ])
        for file in files {
            let html = try #require(fixture.read(file))
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(file)")
            #expect(html.contains("<meta charset=\"utf-8\">"), "\(file)")
            for landmark in [
                "<header", "<nav class=\"site-nav\"", "<main id=\"attest-main\"", "<footer class=\"site-footer\"",
            ] {
                #expect(html.contains(landmark), "\(file) lacks \(landmark)")
            }
            #expect(html.contains("<a class=\"skip-link\" href=\"#attest-main\">"))
            let ids = SiteFixture.ids(in: html)
            #expect(Set(ids).count == ids.count, "duplicate ids in \(file): \(ids)")
        }
        // The index page has its own h1, so the template adds none.
        let guides = try #require(fixture.read("guides/index.html"))
        #expect(guides.components(separatedBy: "<h1").count == 2)
        // The sidebar marks the current page.
        let onboarding = try #require(fixture.read("guides/onboarding/index.html"))
        #expect(onboarding.contains("href=\"../../guides/onboarding/index.html\" aria-current=\"page\""))
    }

    @Test func searchIndexListsPagesWithTheirText() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = fixture.handbook(
            policies: [
                SiteFixture.policy(id: "rotation", title: "Key rotation", body: "Roll keys **quarterly** at least.\n")
            ])
        let result = await fixture.build(handbook)
        #expect(!result.hasErrors)
        let json = try #require(fixture.read("search-index.json"))
        let decoded = try JSONDecoder().decode([String: [SearchIndex.Entry]].self, from: Data(json.utf8))
        let entry = try #require(decoded["pages"]?.first { $0.url == "policies/keys/rotation/index.html" })
        #expect(entry.title == "Key rotation")
        #expect(entry.section == "Keys")
        #expect(entry.text.contains("Roll keys quarterly at least."))
        let script = try #require(fixture.read("search-index.js"))
        #expect(script.hasPrefix("window.ATTEST_SEARCH_INDEX = {"))
        #expect(fixture.read("static/search.js") != nil)
        let search = try #require(fixture.read("search/index.html"))
        #expect(search.contains("<script src=\"../search-index.js\"></script>"))
        #expect(!search.contains("http://") && !search.contains("https://"))
    }
}
