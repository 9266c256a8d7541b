import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

/// `--watch` at scale: a handbook of 200 policies in 4 sections, each section covered by a quiz. An
/// edit to a policy renders again what shows what changed, and nothing else; the site it leaves is
/// byte for byte what `attest build` writes.
@Suite("Policy edits under --watch")
struct PolicyEditTests {
    static let sections = 4
    static let perSection = 50

    /// A root on disk with the policies, the quizzes and the repository's theme.
    struct Root {
        let root: String
        var site: String { root + "/site" }

        init() throws {
            root =
                FileManager.default.temporaryDirectory.appendingPathComponent("attest-policies-\(UUID().uuidString)")
                .path
            let names = (0..<PolicyEditTests.sections).map { String(format: "section-%02d", $0) }
            try write(
                "title: Policies at scale\norganization: Example Corp\nsections: [\(names.joined(separator: ", "))]\n",
                to: "content/handbook.yml")
            for section in 0..<PolicyEditTests.sections {
                var covered: [String] = []
                for index in 0..<PolicyEditTests.perSection {
                    let number = section * PolicyEditTests.perSection + index
                    covered.append(Self.id(number))
                    try write(Self.policy(number), to: "content/policies/\(names[section])/\(Self.id(number)).md")
                }
                try write(
                    "---\nid: quiz-\(section)\ntitle: Section \(section) practices\npolicies: [\(covered.joined(separator: ", "))]\n---\nTwo questions.\n\n## Who rolls a key?\n\n- [x] Its owner\n- [ ] Anyone\n",
                    to: "content/quizzes/quiz-\(section).md")
            }
            try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: root + "/templates")
        }

        static func id(_ number: Int) -> String { String(format: "policy-%03d", number) }

        static func policy(_ number: Int, title: String? = nil, maxAge: Int = 90, version: String = "1.0") -> String {
            """
            ---
            id: \(id(number))
            title: "\(title ?? "Practice \(number)")"
            owner: owner@example.com
            version: "\(version)"
            last_reviewed: 2026-03-01
            review_every_days: 365
            summary: Practice number \(number).
            controls:
              - id: C-\(number)
                check: rotation-age
                title: Keys of practice \(number) are rotated
                severity: medium
                params: {max_age_days: \(maxAge), warn_days: 14}
            ---
            A key of this practice is rolled every {{ controls.C-\(number).max_age_days }} days.

            ## Procedure

            See [the next practice](\(id(number % PolicyEditTests.perSection == PolicyEditTests.perSection - 1 ? number - 1 : number + 1)).md#procedure).

            """
        }

        func write(_ text: String, to relative: String) throws {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        func read(_ relative: String) -> String? {
            FileManager.default.contents(atPath: root + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

        var options: SiteBuildOptions { SiteBuildOptions(linkPolicy: .fail, asOf: SiteFixture.asOf) }

        /// Builds the site incrementally into `site/`.
        func start() async throws -> (IncrementalSiteBuilder, SiteDirectoryWriter) {
            let root = root
            let builder = IncrementalSiteBuilder(root: root, options: options) { (HandbookFiles.read(root: root), []) }
            let writer = SiteDirectoryWriter(directory: site, root: root)
            let first = await builder.buildAll()
            #expect(first.succeeded && first.isComplete, "\(first.diagnostics)")
            #expect(writer.apply(first).isEmpty)
            return (builder, writer)
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

    static let edited = 57  // section 1
    static let editedSource = "content/policies/section-01/policy-057.md"
    static let editedPage = "policies/section-01/policy-057/index.html"

    @Test func aBodyEditRendersThatPolicyAlone() async throws {
        let root = try Root()
        defer { root.cleanUp() }
        let (builder, writer) = try await root.start()

        try root.write(Root.policy(Self.edited) + "\nA new paragraph.\n", to: Self.editedSource)
        let update = await builder.update(changedPaths: [Self.editedSource])
        #expect(update.succeeded && !update.isComplete, "\(update.diagnostics)")
        #expect(update.renderedPageCount == 1)
        #expect(Set(update.files.keys) == [Self.editedPage])
        #expect(update.searchIndex != nil)
        #expect(update.handbook == nil, "nothing a server grades or lays out its pages by changed")
        #expect(writer.apply(update).isEmpty)
        #expect(root.read("site/" + Self.editedPage)?.contains("A new paragraph.") == true)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func aTitleEditRendersItsSectionsNavigationAndWhatListsIt() async throws {
        let root = try Root()
        defer { root.cleanUp() }
        let (builder, writer) = try await root.start()

        try root.write(Root.policy(Self.edited, title: "Renamed practice"), to: Self.editedSource)
        let update = await builder.update(changedPaths: [Self.editedSource])
        #expect(update.succeeded, "\(update.diagnostics)")
        let written = Set(update.files.keys)
        // Every page of its section shows it in the sidebar; its quiz and the home page list it.
        for index in 0..<Self.perSection {
            let number = Self.perSection + index
            #expect(written.contains("policies/section-01/\(Root.id(number))/index.html"), "\(number)")
        }
        #expect(written.contains("quizzes/quiz-1/index.html"))
        #expect(written.contains("index.html"))
        #expect(written.contains("policies/section-01/index.html"), "the section's listing")
        // Other sections' pages show only the section titles: untouched, but for the page after the
        // section's last one, whose "previous" link now names the renamed policy (last by title).
        #expect(
            written.filter { $0.hasPrefix("policies/section-02/") } == ["policies/section-02/policy-100/index.html"])
        #expect(!written.contains { $0.hasPrefix("policies/section-00/") || $0.hasPrefix("policies/section-03/") })
        #expect(!written.contains("quizzes/quiz-2/index.html"))
        #expect(writer.apply(update).isEmpty)
        #expect(root.read("site/policies/section-01/policy-050/index.html")?.contains("Renamed practice") == true)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func aControlParameterEditRendersThePolicyThatQuotesIt() async throws {
        let root = try Root()
        defer { root.cleanUp() }
        let (builder, writer) = try await root.start()

        try root.write(Root.policy(Self.edited, maxAge: 61), to: Self.editedSource)
        let update = await builder.update(changedPaths: [Self.editedSource])
        #expect(update.succeeded, "\(update.diagnostics)")
        // The quiz pages covering it show no parameter: only the policy shows it, in its prose and
        // its table of controls.
        #expect(Set(update.files.keys) == [Self.editedPage])
        #expect(update.handbook == nil)
        #expect(writer.apply(update).isEmpty)
        let page = try #require(root.read("site/" + Self.editedPage))
        #expect(page.contains("rolled every 61 days"))
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func aVersionEditRendersThePolicyAndTheHomePage() async throws {
        let root = try Root()
        defer { root.cleanUp() }
        let (builder, writer) = try await root.start()

        try root.write(Root.policy(Self.edited, version: "2.0"), to: Self.editedSource)
        let update = await builder.update(changedPaths: [Self.editedSource])
        #expect(update.succeeded, "\(update.diagnostics)")
        #expect(Set(update.files.keys) == [Self.editedPage, "index.html"])
        // Passes of the quiz covering it are for the version it shows now: the server takes it.
        #expect(update.handbook?.policy(Root.id(Self.edited))?.version.text == "2.0")
        #expect(writer.apply(update).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func anEditThatBreaksTheHandbookKeepsTheLastGoodSite() async throws {
        let root = try Root()
        defer { root.cleanUp() }
        let (builder, writer) = try await root.start()
        let before = SiteFixture.snapshot(root.site)

        // Another policy's id: a duplicate, found by the cross-checks over every policy.
        let duplicate = Root.policy(Self.edited).replacingOccurrences(
            of: "id: \(Root.id(Self.edited))", with: "id: \(Root.id(3))")
        try root.write(duplicate, to: Self.editedSource)
        let failed = await builder.update(changedPaths: [Self.editedSource])
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.contains { $0.message.contains("duplicate policy id 'policy-003'") })
        #expect(writer.apply(failed).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == before)

        // A link to a heading that no longer exists: found once the page is rendered again.
        try root.write(
            Root.policy(Self.edited).replacingOccurrences(of: "## Procedure", with: "## Steps"), to: Self.editedSource)
        let broken = await builder.update(changedPaths: [Self.editedSource])
        #expect(!broken.succeeded)
        #expect(
            broken.diagnostics.contains {
                $0.location?.path == "content/policies/section-01/policy-056.md"
                    && $0.message.contains("no heading with id 'procedure'")
            }, "\(broken.diagnostics)")
        #expect(SiteFixture.snapshot(root.site) == before)

        // Fixed: the site is what a full build writes.
        try root.write(Root.policy(Self.edited) + "\nFixed.\n", to: Self.editedSource)
        let fixed = await builder.update(changedPaths: [Self.editedSource])
        #expect(fixed.succeeded, "\(fixed.diagnostics)")
        #expect(writer.apply(fixed).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }

    @Test func aQuizTitleEditRendersThePoliciesItCovers() async throws {
        let root = try Root()
        defer { root.cleanUp() }
        let (builder, writer) = try await root.start()

        let quiz = try #require(root.read("content/quizzes/quiz-2.md"))
        try root.write(
            quiz.replacingOccurrences(of: "title: Section 2 practices", with: "title: Renamed quiz"),
            to: "content/quizzes/quiz-2.md")
        let update = await builder.update(changedPaths: ["content/quizzes/quiz-2.md"])
        #expect(update.succeeded, "\(update.diagnostics)")
        let written = Set(update.files.keys)
        #expect(written.contains("quizzes/quiz-2/index.html"))
        #expect(written.contains("policies/section-02/policy-100/index.html"), "a policy it covers lists it")
        #expect(!written.contains("policies/section-01/policy-050/index.html"))
        #expect(writer.apply(update).isEmpty)
        #expect(SiteFixture.snapshot(root.site) == (try await root.fullBuild()))
    }
}
