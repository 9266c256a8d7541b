import Foundation
import HandbookContent

@testable import SiteBuilder

/// A temporary handbook root with helpers to build handbooks in memory and read the output.
struct SiteFixture {
    let root: String
    var output: String { root + "/site" }

    /// The repository's default theme.
    static let templates: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    static let asOf = CalendarDate(year: 2026, month: 6, day: 1)!

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("attest-site-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/content", withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: root) }

    static func control(_ id: String = "KEY-ROTATION", policy: String = "rotation", maxAge: Int = 90) -> Control {
        Control(
            id: id, check: "rotation-age", title: "Keys are rotated", severity: .high,
            params: ["max_age_days": .integer(maxAge)], frameworks: ["PCI DSS 8.3"], remediation: nil, policyID: policy,
            location: SourceLocation(path: "content/policies/keys/\(policy).md", line: 10))
    }

    static func policy(
        id: String, title: String? = nil, section: String = "keys", body: String = "## Scope\n\nText.\n",
        owner: String = "owner@example.com", summary: String? = "A summary.", draft: Bool = false,
        lastReviewed: CalendarDate = CalendarDate(year: 2026, month: 1, day: 10)!, controls: [Control] = []
    ) -> Policy {
        let folder = section.isEmpty ? "" : section + "/"
        return Policy(
            id: id, title: title ?? "Policy \(id)", owner: owner, version: PolicyVersion("2.1")!,
            lastReviewed: lastReviewed,
            reviewEveryDays: 365, summary: summary, draft: draft, frameworks: ["SOC 2 CC6.1"], controls: controls,
            section: section, sourcePath: "content/policies/\(folder)\(id).md", body: body, bodyStartLine: 12,
            sourceSHA256: String(repeating: "ab", count: 32))
    }

    static func page(_ path: String, title: String, body: String, draft: Bool = false) -> HandbookPage {
        let relative = String(path.dropFirst("content/".count))
        let folder = SiteURL.directory(of: relative)
        return HandbookPage(
            title: title, sourcePath: path, section: folder, isIndex: relative.hasSuffix("index.md"), draft: draft,
            body: body, bodyStartLine: 4, sourceSHA256: String(repeating: "cd", count: 32))
    }

    static func quiz(id: String = "keys-basics", policies: [String] = ["rotation"], shuffle: Bool = false) -> Quiz {
        Quiz(
            id: id, title: "Key basics", policies: policies, shuffle: shuffle, introduction: "Answer these.\n",
            questions: [
                QuizQuestion(
                    id: 1, text: "How old may a key get?",
                    options: [
                        QuizOption(id: "a", text: "One year", isCorrect: false),
                        QuizOption(id: "b", text: "90 days", isCorrect: true),
                        QuizOption(id: "c", text: "Forever", isCorrect: false),
                    ], explanation: "The policy says 90 days.", line: 10),
                QuizQuestion(
                    id: 2, text: "What belongs to a roll?",
                    options: [
                        QuizOption(id: "a", text: "Store the new key", isCorrect: true),
                        QuizOption(id: "b", text: "Email it", isCorrect: false),
                        QuizOption(id: "c", text: "Revoke the old key", isCorrect: true),
                    ], explanation: nil, line: 20),
            ], sourcePath: "content/quizzes/\(id).md", contentSHA256: "ef")
    }

    func handbook(
        policies: [Policy] = [], pages: [HandbookPage] = [], quizzes: [Quiz] = [], assets: [String] = [],
        config: HandbookConfig = HandbookConfig(title: "Security Handbook", organization: "Example Corp")
    ) -> Handbook {
        Handbook(root: root, config: config, policies: policies, quizzes: quizzes, pages: pages, assets: assets)
    }

    func builder(
        _ handbook: Handbook, drafts: Bool = false, links: HandbookConfig.LinkPolicy = .fail,
        templates: String = Self.templates
    ) -> SiteBuilder {
        SiteBuilder(
            handbook: handbook, templatesDirectory: templates,
            options: SiteBuildOptions(includeDrafts: drafts, linkPolicy: links, asOf: Self.asOf))
    }

    func build(
        _ handbook: Handbook, drafts: Bool = false, links: HandbookConfig.LinkPolicy = .fail, into output: String? = nil
    ) async -> SiteBuildResult {
        await builder(handbook, drafts: drafts, links: links).build(into: output ?? self.output)
    }

    func read(_ relative: String, in output: String? = nil) -> String? {
        FileManager.default.contents(atPath: (output ?? self.output) + "/" + relative).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// Every file under `folder`, relative, sorted, with its bytes.
    static func snapshot(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let paths = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        for path in paths {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files[path] = FileManager.default.contents(atPath: folder + "/" + path)
            }
        }
        return files
    }

    /// The values of every `id="…"` attribute in `html`.
    static func ids(in html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().compactMap {
            $0.split(separator: "\"", maxSplits: 1).first.map(String.init)
        }
    }
}
