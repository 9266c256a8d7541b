import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

@Suite struct SiteOutputTests {
    private func sampleHandbook(_ fixture: SiteFixture, extraBody: String = "") -> Handbook {
        fixture.handbook(
            policies: [
                SiteFixture.policy(
                    id: "rotation", body: "## Scope\n\n[storage](storage.md)\n" + extraBody,
                    controls: [SiteFixture.control()]),
                SiteFixture.policy(id: "storage"), SiteFixture.policy(id: "reviews", section: "access"),
                SiteFixture.policy(id: "secret", title: "Draft policy", draft: true),
            ],
            pages: [SiteFixture.page("content/guides/onboarding.md", title: "Onboarding", body: "## First\n")],
            quizzes: [SiteFixture.quiz(shuffle: true)])
    }

    @Test func sameInputGivesByteIdenticalSites() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = sampleHandbook(fixture)
        let first = await fixture.build(handbook, into: fixture.root + "/one")
        let second = await fixture.build(handbook, into: fixture.root + "/two")
        #expect(first.wroteSite && second.wroteSite)
        let a = SiteFixture.snapshot(fixture.root + "/one")
        let b = SiteFixture.snapshot(fixture.root + "/two")
        #expect(a.count > 10)
        #expect(a == b)
    }

    @Test func failedBuildLeavesThePreviousSiteUntouched() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let good = await fixture.build(sampleHandbook(fixture))
        #expect(good.wroteSite)
        let before = SiteFixture.snapshot(fixture.output)
        let bad = await fixture.build(sampleHandbook(fixture, extraBody: "\n[broken](nowhere.md)\n"))
        #expect(!bad.wroteSite)
        #expect(bad.hasErrors)
        #expect(SiteFixture.snapshot(fixture.output) == before)
        // Nothing left beside the output either.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.root).sorted()
        #expect(siblings == ["content", "site"])
    }

    @Test func successfulBuildReplacesTheOldSiteWhole() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        try FileManager.default.createDirectory(atPath: fixture.output, withIntermediateDirectories: true)
        try Data("stale".utf8).write(to: URL(fileURLWithPath: fixture.output + "/stale.html"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: fixture.output + "/search-index.json"))
        let result = await fixture.build(sampleHandbook(fixture))
        #expect(result.wroteSite)
        #expect(fixture.read("stale.html") == nil)
        #expect(fixture.read("index.html") != nil)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.root).sorted()
        #expect(siblings == ["content", "site"])
    }

    @Test func refusesToReplaceFoldersThatAreNotSites() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let handbook = sampleHandbook(fixture)
        let intoContent = await fixture.build(handbook, into: fixture.root + "/content")
        #expect(!intoContent.wroteSite)
        #expect(intoContent.diagnostics.first?.message.contains("refusing") == true)
        let intoRoot = await fixture.build(handbook, into: fixture.root)
        #expect(!intoRoot.wroteSite)
        let documents = fixture.root + "/documents"
        try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: documents + "/notes.txt"))
        let intoDocuments = await fixture.build(handbook, into: documents)
        #expect(!intoDocuments.wroteSite)
        #expect(FileManager.default.contents(atPath: documents + "/notes.txt") == Data("keep".utf8))
        #expect(FileManager.default.fileExists(atPath: fixture.root + "/content"))
    }

    @Test func draftsAreLeftOutUnlessAsked() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let without = await fixture.build(sampleHandbook(fixture))
        #expect(without.wroteSite)
        #expect(fixture.read("policies/keys/secret/index.html") == nil)
        #expect(fixture.read("index.html")?.contains("Draft policy") == false)
        #expect(fixture.read("search-index.json")?.contains("Draft policy") == false)
        let with = await fixture.build(sampleHandbook(fixture), drafts: true)
        #expect(with.wroteSite)
        #expect(fixture.read("policies/keys/secret/index.html")?.contains("Draft policy") == true)
    }

    @Test func linkToADraftIsBrokenAndSaysWhy() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let result = await fixture.build(sampleHandbook(fixture, extraBody: "\n[draft](secret.md)\n"))
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("draft"))
        let withDrafts = await fixture.build(sampleHandbook(fixture, extraBody: "\n[draft](secret.md)\n"), drafts: true)
        #expect(withDrafts.wroteSite)
    }

    @Test func checkRendersEverythingAndWritesNothing() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let good = await fixture.builder(sampleHandbook(fixture)).check()
        #expect(!good.hasErrors)
        #expect(good.pageCount > 5)
        let bad = await fixture.builder(sampleHandbook(fixture, extraBody: "[x](gone.md)\n")).check()
        #expect(bad.hasErrors)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root) == ["content"])
    }

    @Test func templateErrorsNameFileAndLine() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let templates = fixture.root + "/templates"
        try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: templates)
        try Data("<p>\n{{#open}}never closed\n".utf8).write(to: URL(fileURLWithPath: templates + "/page.mustache"))
        try FileManager.default.removeItem(atPath: templates + "/search.mustache")
        let builder = SiteBuilder(
            handbook: sampleHandbook(fixture), templatesDirectory: templates,
            options: SiteBuildOptions(asOf: SiteFixture.asOf))
        let result = await builder.build(into: fixture.output)
        #expect(!result.wroteSite)
        let messages = result.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasPrefix("templates/page.mustache:") }, "\(messages)")
        #expect(messages.contains { $0.contains("templates/search.mustache") }, "\(messages)")
        #expect(!FileManager.default.fileExists(atPath: fixture.output))
    }
}
