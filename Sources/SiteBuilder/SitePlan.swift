import Foundation
import HandbookContent

/// Every page of the site and where it goes, decided before anything is rendered:
/// the input of link resolution, navigation and rendering.
struct SitePlan: Sendable {
    /// Pages to render, sorted by URL.
    var pages: [SitePage]
    var navigation: SiteNavigation
    /// Published Markdown sources (root-relative) → their page's URL.
    var sourceURLs: [String: String]
    /// Sources left out because they are drafts (for clearer broken-link messages).
    var draftSources: Set<String>
    /// Files copied along, relative to `content/` (and so to the site root), sorted.
    var assets: [String]
    /// Quizzes in this build covering each policy id, by title.
    var quizzesByPolicy: [String: [Quiz]]
    /// Policies in this build, by id.
    var policiesByID: [String: Policy]
    /// Policies in this build, by page URL.
    var policiesByURL: [String: Policy]
    /// Problems with the plan itself (two sources published at one URL).
    var diagnostics: [Diagnostic]

    /// The folder under content/ whose files are data (rosters, inventories), never published.
    static let unpublishedFolder = "data/"

    init(handbook: Handbook, includeDrafts: Bool) {
        let included = { (draft: Bool) in includeDrafts || !draft }
        var contentPages: [SitePage] = []
        var draftSources: Set<String> = []
        var homeIntroduction: HandbookPage?

        for policy in handbook.policies {
            guard included(policy.draft) else {
                draftSources.insert(policy.sourcePath)
                continue
            }
            contentPages.append(
                SitePage(
                    kind: .policy(policy), title: policy.title, url: SiteURL.forSource(policy.sourcePath),
                    groupKey: policy.section.isEmpty ? "policies" : "policies/" + policy.section,
                    sourcePath: policy.sourcePath, body: policy.body, bodyStartLine: policy.bodyStartLine))
        }
        for page in handbook.pages {
            guard included(page.draft) else {
                draftSources.insert(page.sourcePath)
                continue
            }
            if page.sourcePath == "content/index.md" {
                homeIntroduction = page
                continue
            }
            contentPages.append(
                SitePage(
                    kind: .page(page), title: page.title, url: SiteURL.forSource(page.sourcePath),
                    groupKey: page.section,
                    sourcePath: page.sourcePath, body: page.body, bodyStartLine: page.bodyStartLine))
        }
        var quizzesByPolicy: [String: [Quiz]] = [:]
        for quiz in handbook.quizzes {
            guard included(quiz.draft) else {
                draftSources.insert(quiz.sourcePath)
                continue
            }
            for policyID in quiz.policies { quizzesByPolicy[policyID, default: []].append(quiz) }
            contentPages.append(
                SitePage(
                    kind: .quiz(quiz), title: quiz.title, url: SiteURL.forQuiz(quiz.id), groupKey: "quizzes",
                    sourcePath: quiz.sourcePath, body: quiz.introduction,
                    bodyStartLine: Self.introductionLine(of: quiz, root: handbook.root)))
        }
        for key in quizzesByPolicy.keys { quizzesByPolicy[key]?.sort { ($0.title, $0.id) < ($1.title, $1.id) } }

        let navigation = SiteNavigation(pages: contentPages, config: handbook.config)
        var pages = contentPages
        pages.append(
            SitePage(
                kind: .home(introduction: homeIntroduction), title: handbook.config.title, url: "index.html",
                groupKey: nil,
                sourcePath: homeIntroduction?.sourcePath, body: homeIntroduction?.body ?? "",
                bodyStartLine: homeIntroduction?.bodyStartLine ?? 1))
        pages.append(
            SitePage(
                kind: .search, title: "Search", url: "search/index.html", groupKey: nil, sourcePath: nil, body: "",
                bodyStartLine: 1))
        let claimed = Set(pages.map(\.url))
        for group in navigation.groups where !group.key.isEmpty && !claimed.contains(group.url) {
            pages.append(
                SitePage(
                    kind: .section(groupKey: group.key), title: group.title, url: group.url, groupKey: group.key,
                    sourcePath: nil, body: "", bodyStartLine: 1))
        }

        // Two pages at one URL: the first (by source path) wins, each other one is an error.
        var diagnostics: [Diagnostic] = []
        var byURL: [String: SitePage] = [:]
        for page in pages.sorted(by: { ($0.url, $0.sourcePath ?? "") < ($1.url, $1.sourcePath ?? "") }) {
            if let first = byURL[page.url] {
                let other = first.sourcePath.map { "'\($0)'" } ?? "the generated \(first.title.lowercased()) page"
                diagnostics.append(
                    .error(
                        "this page would be published at \(page.url), like \(other); rename one of them",
                        at: page.sourcePath.map { SourceLocation(path: $0) }))
                continue
            }
            byURL[page.url] = page
        }
        self.pages = byURL.values.sorted { $0.url < $1.url }
        self.navigation = navigation
        self.sourceURLs = Dictionary(
            self.pages.compactMap { page in page.sourcePath.map { ($0, page.url) } }, uniquingKeysWith: { a, _ in a })
        self.draftSources = draftSources
        self.assets = handbook.assets.filter { !$0.hasPrefix(Self.unpublishedFolder) && !$0.hasSuffix(".md") }.sorted()
        self.quizzesByPolicy = quizzesByPolicy
        self.policiesByID = Dictionary(
            contentPages.compactMap { $0.policy.map { ($0.id, $0) } }, uniquingKeysWith: { a, _ in a })
        self.policiesByURL = Dictionary(
            self.pages.compactMap { page in page.policy.map { (page.url, $0) } }, uniquingKeysWith: { a, _ in a })
        self.diagnostics = diagnostics
    }

    /// The file line where a quiz's introduction starts: the line after its front matter.
    /// Quizzes carry no body line, so it is found in the source; 1 when the file cannot be read.
    static func introductionLine(of quiz: Quiz, root: String) -> Int {
        guard let data = FileManager.default.contents(atPath: root + "/" + quiz.sourcePath),
            let text = String(data: data, encoding: .utf8)
        else { return 1 }
        var line = 1
        var fences = 0
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if row.trimmingCharacters(in: .whitespaces) == "---" {
                fences += 1
                if fences == 2 { return line + 1 }
            } else if fences == 0 {
                return 1  // no front matter
            }
            line += 1
        }
        return 1
    }
}
