import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

/// `--watch` rebuilds: what the incremental builder writes after a change must be exactly what a full
/// build of the changed sources writes; invalid edits change nothing.
@Suite("Incremental rebuilds")
struct IncrementalSiteBuilderTests {
    /// A handbook root on disk: the end-to-end fixture (policies, a quiz, a guide) plus three guides
    /// that link to each other's anchors, and the repository's theme.
    struct WatchedRoot {
        let root: String
        var site: String { root + "/site" }

        static let fixture = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EndToEndTests/Corpus/fixture/content").path

        init() throws {
            root =
                FileManager.default.temporaryDirectory.appendingPathComponent("attest-watch-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Self.fixture, toPath: root + "/content")
            try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: root + "/templates")
            try write(
                "---\ntitle: Alpha\n---\n\n## First\n\nSee [beta](beta.md#details).\n", to: "content/guides/alpha.md")
            try write("---\ntitle: Beta\n---\n\n## Details\n\nText.\n", to: "content/guides/beta.md")
            try write("---\ntitle: Gamma\n---\n\nPlain text.\n", to: "content/guides/gamma.md")
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

        func write(_ text: String, to relative: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + relative))
        }

        func read(_ relative: String) -> String? {
            FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
        }

        func remove(_ relative: String) throws { try FileManager.default.removeItem(atPath: root + "/" + relative) }

        var options: SiteBuildOptions { SiteBuildOptions(linkPolicy: .fail, asOf: SiteFixture.asOf) }

        func incrementalBuilder() -> IncrementalSiteBuilder {
            let root = root
            return IncrementalSiteBuilder(root: root, options: options) { (HandbookFiles.read(root: root), []) }
        }

        /// What `attest build` writes for the sources as they are now.
        func fullBuild() async throws -> [String: Data] {
            let (handbook, diagnostics) = HandbookLoader.load(root: root)
            let loaded = try #require(handbook, "\(diagnostics)")
            let output = root + "/full-site"
            let result = await SiteBuilder(handbook: loaded, templatesDirectory: root + "/templates", options: options)
                .build(into: output)
            #expect(result.wroteSite, "\(result.diagnostics)")
            defer { try? FileManager.default.removeItem(atPath: output) }
            return SiteFixture.snapshot(output)
        }
    }

    /// Builds `root` incrementally into its site folder, checking that the first build succeeds.
    static func start(_ root: WatchedRoot) async throws -> (IncrementalSiteBuilder, SiteDirectoryWriter) {
        let builder = root.incrementalBuilder()
        let writer = SiteDirectoryWriter(directory: root.site, root: root.root)
        let first = await builder.buildAll()
        #expect(first.succeeded && first.isComplete, "\(first.diagnostics)")
        #expect(writer.apply(first).isEmpty)
        return (builder, writer)
    }

    @Test func editingOnePageRendersItAloneAndMatchesAFullBuild() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, writer) = try await Self.start(root)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))

        try root.write("---\ntitle: Gamma\n---\n\nPlain text, edited.\n", to: "content/guides/gamma.md")
        let update = await builder.update(changedPaths: ["content/guides/gamma.md"])
        #expect(update.succeeded && !update.isComplete, "\(update.diagnostics)")
        #expect(update.renderedPageCount == 1)
        #expect(Set(update.files.keys) == ["guides/gamma/index.html"])
        #expect(update.searchIndex != nil)
        #expect(writer.apply(update).isEmpty)
        #expect(root.read("site/guides/gamma/index.html")?.contains("Plain text, edited.") == true)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func aNewTitleRendersTheNavigationAgainEverywhereItShows() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, writer) = try await Self.start(root)

        try root.write("---\ntitle: Zeta\n---\n\nPlain text.\n", to: "content/guides/gamma.md")
        let update = await builder.update(changedPaths: ["content/guides/gamma.md"])
        #expect(update.succeeded, "\(update.diagnostics)")
        #expect(update.files["guides/alpha/index.html"] != nil, "the sidebar of its section shows the title")
        #expect(update.files["guides/index.html"] != nil, "the section page lists it")
        #expect(writer.apply(update).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func anInvalidEditKeepsTheLastGoodSiteAndSaysWhy() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, writer) = try await Self.start(root)
        let before = SiteFixture.snapshot(root.site)

        try root.write("---\ntitle: [unclosed\n---\n\nBroken.\n", to: "content/guides/gamma.md")
        let broken = await builder.update(changedPaths: ["content/guides/gamma.md"])
        #expect(!broken.succeeded)
        #expect(broken.diagnostics.contains { $0.severity == .error && $0.location?.path == "content/guides/gamma.md" })
        #expect(writer.apply(broken).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == before)

        // Another change meanwhile still fails on the broken file; fixing it publishes both.
        try root.write("---\ntitle: Beta\n---\n\n## Details\n\nMore text.\n", to: "content/guides/beta.md")
        let stillBroken = await builder.update(changedPaths: ["content/guides/beta.md"])
        #expect(!stillBroken.succeeded)
        try root.write("---\ntitle: Gamma\n---\n\nFixed.\n", to: "content/guides/gamma.md")
        let fixed = await builder.update(changedPaths: ["content/guides/gamma.md"])
        #expect(fixed.succeeded, "\(fixed.diagnostics)")
        #expect(writer.apply(fixed).isEmpty)
        #expect(root.read("site/guides/beta/index.html")?.contains("More text.") == true)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func aRemovedAnchorIsReportedWhereItIsLinkedFrom() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, _) = try await Self.start(root)

        try root.write("---\ntitle: Beta\n---\n\n## Particulars\n\nText.\n", to: "content/guides/beta.md")
        let update = await builder.update(changedPaths: ["content/guides/beta.md"])
        #expect(!update.succeeded)
        let broken = update.diagnostics.first { $0.location?.path == "content/guides/alpha.md" }
        #expect(broken?.message.contains("no heading with id 'details'") == true, "\(update.diagnostics)")
        #expect(broken?.location?.line == 7)
    }

    @Test func aRemovedPageIsRemovedFromTheSiteAndLinksToItAreBroken() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, writer) = try await Self.start(root)

        try root.remove("content/guides/gamma.md")
        let removed = await builder.update(changedPaths: ["content/guides/gamma.md"])
        #expect(removed.succeeded, "\(removed.diagnostics)")
        #expect(removed.removed == ["guides/gamma/index.html"])
        #expect(writer.apply(removed).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.site + "/guides/gamma"))
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))

        try root.remove("content/guides/beta.md")
        let linked = await builder.update(changedPaths: ["content/guides/beta.md"])
        #expect(!linked.succeeded)
        #expect(
            linked.diagnostics.contains {
                $0.location?.path == "content/guides/alpha.md"
                    && $0.message.contains("broken link to 'beta.md#details'")
            }, "\(linked.diagnostics)")
        #expect(FileManager.default.fileExists(atPath: root.site + "/guides/beta/index.html"))
    }

    @Test func aTemplateChangeRendersEveryPageAgain() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, writer) = try await Self.start(root)
        let pageCount = SiteFixture.snapshot(root.site).keys.filter { $0.hasSuffix(".html") }.count

        let layout = try #require(root.read("templates/layout.mustache"))
        try root.write(
            layout.replacingOccurrences(of: "</body>", with: "<!-- theme v2 --></body>"),
            to: "templates/layout.mustache")
        let update = await builder.update(changedPaths: ["templates/layout.mustache"])
        #expect(update.succeeded, "\(update.diagnostics)")
        #expect(update.renderedPageCount == pageCount)
        #expect(update.writtenPageCount == pageCount)
        #expect(writer.apply(update).isEmpty)
        #expect(
            SiteFixture.snapshot(root.site).filter { $0.key.hasSuffix(".html") }.allSatisfy {
                String(decoding: $0.value, as: UTF8.self).contains("<!-- theme v2 -->")
            })
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))

        try root.write("{{#broken}}\n", to: "templates/layout.mustache")
        let broken = await builder.update(changedPaths: ["templates/layout.mustache"])
        #expect(!broken.succeeded)
        #expect(broken.diagnostics.contains { $0.location?.path == "templates/layout.mustache" })
    }

    @Test func aPolicyEditAndAnAddedPageReloadTheHandbook() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, writer) = try await Self.start(root)

        let policy = try #require(root.read("content/policies/keys/rotation.md"))
        try root.write(
            policy.replacingOccurrences(of: "max_age_days: 73", with: "max_age_days: 60"),
            to: "content/policies/keys/rotation.md")
        try root.write("---\ntitle: Delta\n---\n\nNew.\n", to: "content/guides/delta.md")
        let update = await builder.update(changedPaths: [
            "content/policies/keys/rotation.md", "content/guides/delta.md",
        ])
        #expect(update.succeeded, "\(update.diagnostics)")
        #expect(update.files["guides/delta/index.html"] != nil)
        #expect(writer.apply(update).isEmpty)
        #expect(root.read("site/policies/keys/rotation/index.html")?.contains("60 days") == true)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func theSearchIndexFromFragmentsIsTheFullBuildsIndex() {
        let entries = [
            SearchIndex.Entry(
                title: "B \"quoted\"", url: "b/index.html", section: "S", summary: nil, text: "x/y é\n\u{1}"),
            SearchIndex.Entry(title: "A", url: "a/index.html", section: "", summary: "<sum>", text: "text"),
        ]
        let index = SearchIndex(entries: entries)
        let text = SearchIndexText(fragments: index.entries.map(SearchIndex.fragment(of:)))
        #expect(text.jsonPieces().joined() == index.json())
        #expect(text.scriptPieces().joined() == SearchIndex.script(json: index.json()))
        #expect(text.texts().json == index.json())
        #expect(text.texts().script == SearchIndex.script(json: index.json()))
    }

    @Test func themeAndContentFilesAreCopiedAndRemovedAlone() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, writer) = try await Self.start(root)

        try root.write("body { color: teal; }\n", to: "templates/static/extra.css")
        try root.write("a diagram\n", to: "content/guides/diagram.txt")
        let added = await builder.update(changedPaths: ["templates/static/extra.css", "content/guides/diagram.txt"])
        #expect(added.succeeded, "\(added.diagnostics)")
        #expect(Set(added.copies.keys) == ["static/extra.css", "guides/diagram.txt"])
        #expect(added.files.isEmpty && added.searchIndex == nil)
        #expect(writer.apply(added).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))

        try root.remove("templates/static/extra.css")
        let removed = await builder.update(changedPaths: ["templates/static/extra.css"])
        #expect(removed.succeeded && removed.removed == ["static/extra.css"], "\(removed.diagnostics)")
        #expect(writer.apply(removed).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func editorTemporaryFilesThatCameAndWentChangeNothing() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        let (builder, _) = try await Self.start(root)
        let update = await builder.update(changedPaths: ["content/guides/4913", "content/guides/.gamma.md.swp"])
        #expect(update.succeeded && update.isEmpty && update.sources.isEmpty)
    }

    @Test func aNewTitleInAFolderRendersTheSidebarsOfTheFoldersInsideIt() async throws {
        let root = try WatchedRoot()
        defer { root.cleanUp() }
        for folder in ["guides/laptops/setup", "other"] {
            try FileManager.default.createDirectory(
                atPath: root.root + "/content/" + folder, withIntermediateDirectories: true)
        }
        try root.write("---\ntitle: Laptops\n---\n\nAll about laptops.\n", to: "content/guides/laptops/index.md")
        try root.write("---\ntitle: Unboxing\n---\n\nOpen the box.\n", to: "content/guides/laptops/setup/unboxing.md")
        try root.write("---\ntitle: Elsewhere\n---\n\nOther text.\n", to: "content/other/elsewhere.md")
        let (builder, writer) = try await Self.start(root)

        // Gamma's folder (guides) is open in the sidebars of every folder inside it, which list its pages.
        try root.write("---\ntitle: Omega\n---\n\nPlain text.\n", to: "content/guides/gamma.md")
        let update = await builder.update(changedPaths: ["content/guides/gamma.md"])
        #expect(update.succeeded, "\(update.diagnostics)")
        #expect(update.files["guides/laptops/setup/unboxing/index.html"] != nil)
        #expect(update.files["guides/laptops/index.html"] != nil)
        #expect(update.files["other/elsewhere/index.html"] == nil, "guides is closed there")
        #expect(writer.apply(update).isEmpty)
        #expect(root.read("site/guides/laptops/setup/unboxing/index.html")?.contains(">Omega</a>") == true)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }
}
