import Foundation
import Testing

@testable import SiteBuilder

@Suite struct DefaultThemeTests {
    @Test func embeddedThemeMatchesTemplatesFolderByteForByte() throws {
        let onDisk = SiteFixture.snapshot(SiteFixture.templates).filter {
            !$0.key.split(separator: "/").contains { $0.hasPrefix(".") }
        }
        let embedded = Dictionary(uniqueKeysWithValues: DefaultTheme.files.map { ($0.path, Data($0.contents.utf8)) })
        #expect(Set(embedded.keys) == Set(onDisk.keys), "run .ci/embed-theme after changing templates/")
        for (path, data) in onDisk {
            #expect(embedded[path] == data, "templates/\(path) differs from its embedded copy: run .ci/embed-theme")
        }
    }

    @Test func embeddedThemeParses() {
        let sources = Dictionary(
            uniqueKeysWithValues: DefaultTheme.files.filter { $0.path.hasSuffix(".mustache") }.map {
                (String($0.path.dropLast(".mustache".count)), $0.contents)
            })
        let (theme, diagnostics) = SiteTheme.make(sources: sources)
        #expect(theme != nil)
        #expect(diagnostics.isEmpty)
    }

    @Test func scaffoldWritesAHandbookAndTheThemeAndRefusesToOverwrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-init-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let written = try HandbookScaffold.write(to: folder)
        for path in [
            "content/handbook.yml", "content/policies/keys/rotation.md", "content/guides/getting-started.md",
            "content/quizzes/key-rotation.md", "content/data/people.csv", "templates/layout.mustache",
            "templates/static/site.css",
        ] {
            #expect(written.contains(path))
            #expect(FileManager.default.fileExists(atPath: folder + "/" + path), "\(path)")
        }
        let policy = try String(contentsOfFile: folder + "/content/policies/keys/rotation.md", encoding: .utf8)
        #expect(policy.contains("{{ controls.KEY-ROTATION.max_age_days }}"))
        #expect(throws: HandbookScaffold.Failure.self) { try HandbookScaffold.write(to: folder) }
    }

    @Test func serverPagesRenderInsideTheLayout() throws {
        var sources = Dictionary(
            uniqueKeysWithValues: DefaultTheme.files.filter { $0.path.hasSuffix(".mustache") }.map {
                (String($0.path.dropLast(".mustache".count)), $0.contents)
            })
        sources["result"] = "<h1>{{title}}</h1><p>{{score}}%</p>"
        let theme = try #require(SiteTheme.make(sources: sources).theme)
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let layout = SiteLayout(
            handbook: fixture.handbook(policies: [SiteFixture.policy(id: "rotation")]), theme: theme)
        let html = layout.renderPage(template: "result", context: ["title": "<Result>", "score": 80], title: "Result")
        #expect(html.contains("<h1>&lt;Result&gt;</h1><p>80%</p>"))
        #expect(html.contains("<title>Result · Security Handbook</title>"))
        #expect(html.contains("href=\"/static/site.css\""))
        #expect(html.contains("href=\"/policies/keys/index.html\""))
    }
}
