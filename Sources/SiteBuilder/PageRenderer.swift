import Foundation
import HandbookContent
import Markdown

/// Renders one page of the site to HTML: its Markdown (links resolved and checked, heading ids),
/// its template, and the layout around it.
struct PageRenderer: Sendable {
    struct Output: Sendable {
        var html: String
        var searchEntry: SearchIndex.Entry?
        var diagnostics: [Diagnostic]
        /// The other pages whose anchors this page links to (see ``LinkResolver/anchoredPage(_:from:)``).
        var anchoredPages: Set<String> = []
    }

    let plan: SitePlan
    let layout: SiteLayout
    let resolver: LinkResolver
    /// Outlines by page URL.
    let outlines: [String: PageOutline]
    /// Pre-rendered sidebars by ``sidebarKey(groupKey:pathToRoot:)``.
    let sidebars: [String: String]
    let options: SiteBuildOptions

    static func sidebarKey(groupKey: String?, pathToRoot: String) -> String { (groupKey ?? "\u{0}") + "|" + pathToRoot }

    private var theme: SiteTheme { layout.theme }

    func render(_ page: SitePage) -> Output {
        let root = page.pathToRoot
        var diagnostics: [Diagnostic] = []
        var bodyHTML = ""
        var plainText = ""
        var anchoredPages: Set<String> = []
        let outline = outlines[page.url]
        if !page.body.isEmpty, let outline {
            let (document, _) = PageOutline.document(for: page)
            diagnostics += checkAndRewriteLinks(in: document, of: page, anchoredPages: &anchoredPages)
            bodyHTML = document.renderHTML(headingIDs: outline.headingIDs)
            plainText = document.plainText(limit: SearchIndex.textLimit)
        }
        var context: [String: Any] = ["root": root, "title": page.title, "body": bodyHTML]
        if let outline, !outline.tableOfContents.isEmpty {
            context["toc"] = outline.tableOfContents.map { ["id": $0.id, "text": $0.text, "nested": $0.level > 2] }
            context["hasToc"] = true
        }
        let template: String
        var searchEntry: SearchIndex.Entry?
        let section = page.groupKey.flatMap { plan.navigation.group($0)?.title } ?? ""
        switch page.kind {
        case .policy(let policy):
            template = "policy"
            addPolicy(policy, to: &context, root: root)
            addTrail(of: page, to: &context)
            let rules = policy.controls.map {
                "\($0.id) \($0.title) \(ControlCatalogue.ruleDescription(check: $0.check, params: $0.params))"
            }
            searchEntry = .init(
                title: page.title, url: page.url, section: section, summary: policy.summary,
                text: SearchIndex.clipped(rules.joined(separator: " ") + " " + plainText))
        case .page(let handbookPage):
            template = "page"
            if let summary = handbookPage.summary, !summary.isEmpty { context["summary"] = summary }
            context["showTitle"] = !(outline?.hasTitleHeading ?? false)
            context["sourcePath"] = handbookPage.sourcePath
            if !handbookPage.sourceSHA256.isEmpty { context["sourceSHA256"] = handbookPage.sourceSHA256 }
            addTrail(of: page, to: &context)
            searchEntry = .init(
                title: page.title, url: page.url, section: section, summary: handbookPage.summary, text: plainText)
        case .quiz(let quiz):
            template = "quiz"
            addQuiz(quiz, to: &context, root: root)
            addTrail(of: page, to: &context)
            let questions = quiz.questions.map(\.text).joined(separator: " ")
            searchEntry = .init(
                title: page.title, url: page.url, section: section, summary: nil,
                text: SearchIndex.clipped(plainText + " " + questions))
        case .home:
            template = "home"
            addHome(to: &context, root: root)
        case .section(let key):
            template = "section"
            let entries = plan.navigation.group(key)?.entries ?? []
            context["entries"] = entries.map { entry -> [String: Any] in
                var item: [String: Any] = ["title": entry.title, "url": root + entry.url]
                if let summary = entry.summary, !summary.isEmpty { item["summary"] = summary }
                return item
            }
            context["breadcrumb"] = [["title": "Home", "url": root + "index.html"]]
            context["hasBreadcrumb"] = true
        case .search:
            template = "search"
        }
        let content = theme.render(template, context: context)
        if case .quiz(let quiz) = page.kind, let missing = QuizFormMarkup.missingMarks(in: content, quiz: quiz) {
            diagnostics.append(
                .error(
                    "the theme's quiz.mustache does not write \(missing) on the page of quiz '\(quiz.id)'", at: nil))
        }
        var sidebar =
            sidebars[Self.sidebarKey(groupKey: page.groupKey, pathToRoot: root)]
            ?? layout.sidebar(groupKey: page.groupKey, pathToRoot: root)
        sidebar = SiteLayout.markCurrent(root + page.url, in: sidebar)
        let description: String? =
            switch page.kind {
            case .policy(let policy): policy.summary
            case .page(let handbookPage): handbookPage.summary
            default: nil
            }
        let html = layout.wrap(
            content: content, title: page.title, pathToRoot: root, sidebar: sidebar, description: description,
            isSearch: { if case .search = page.kind { return true } else { return false } }())
        return Output(html: html, searchEntry: searchEntry, diagnostics: diagnostics, anchoredPages: anchoredPages)
    }

    /// Reports every link that leads nowhere and points the others at the rendered pages.
    private func checkAndRewriteLinks(
        in document: MarkdownDocument, of page: SitePage, anchoredPages: inout Set<String>
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var resolutions: [String: LinkResolver.Resolution] = [:]
        for link in document.links() {
            if let target = resolver.anchoredPage(link.destination, from: page) { anchoredPages.insert(target) }
            let resolution = resolutions[link.destination] ?? resolver.resolve(link.destination, from: page)
            resolutions[link.destination] = resolution
            guard case .broken(let reason) = resolution else { continue }
            let location = page.sourcePath.map {
                SourceLocation(path: $0, line: page.bodyStartLine + link.line - 1, column: max(link.column, 1))
            }
            let message = "broken \(link.isImage ? "image" : "link") to '\(link.destination)': \(reason)"
            diagnostics.append(Diagnostic(options.linkPolicy == .warn ? .warning : .error, message, at: location))
        }
        document.rewriteLinks { destination in
            if case .rewritten(let target) = resolutions[destination] ?? resolver.resolve(destination, from: page) {
                return target
            }
            return destination
        }
        return diagnostics
    }

    private func addPolicy(_ policy: Policy, to context: inout [String: Any], root: String) {
        context["id"] = policy.id
        context["owner"] = policy.owner
        context["version"] = policy.version.text
        context["lastReviewed"] = policy.lastReviewed.description
        context["nextReview"] = policy.nextReview.description
        context["overdue"] = policy.isReviewOverdue(on: options.asOf)
        context["sourcePath"] = policy.sourcePath
        if !policy.sourceSHA256.isEmpty { context["sourceSHA256"] = policy.sourceSHA256 }
        if let summary = policy.summary, !summary.isEmpty { context["summary"] = summary }
        if !policy.frameworks.isEmpty { context["frameworks"] = policy.frameworks.joined(separator: ", ") }
        if !policy.tags.isEmpty { context["tags"] = policy.tags }
        if !policy.controls.isEmpty {
            context["controls"] = policy.controls.map { control -> [String: Any] in
                [
                    "id": control.id, "title": control.title, "severity": control.severity.rawValue,
                    "rule": ControlCatalogue.ruleDescription(check: control.check, params: control.params),
                    "frameworks": control.frameworks.joined(separator: ", "),
                ]
            }
            context["hasControls"] = true
        }
        let quizzes = plan.quizzesByPolicy[policy.id] ?? []
        if !quizzes.isEmpty {
            context["quizzes"] = quizzes.map { ["title": $0.title, "url": root + SiteURL.forQuiz($0.id)] }
            context["hasQuizzes"] = true
        }
    }

    /// The quiz form. Nothing in it depends on which options are correct: each option is only
    /// its value and its label.
    private func addQuiz(_ quiz: Quiz, to context: inout [String: Any], root: String) {
        context["id"] = quiz.id
        context["action"] = QuizFormMarkup.action(quizID: quiz.id)
        context["passPercent"] = quiz.passPercent
        context["questionCount"] = quiz.questions.count
        let policies = quiz.policies.compactMap { plan.policiesByID[$0] }
        if !policies.isEmpty {
            context["policies"] = policies.map { ["title": $0.title, "url": root + SiteURL.forSource($0.sourcePath)] }
            context["hasPolicies"] = true
        }
        context["questions"] = quiz.questions.map { question -> [String: Any] in
            let multiple = question.isMultipleChoice
            let options = QuizOptionOrder.options(of: question, quizID: quiz.id, shuffle: quiz.shuffle)
            return [
                "number": question.id, "name": QuizFormMarkup.fieldName(question: question.id), "text": question.text,
                "multiple": multiple,
                "inputType": multiple ? "checkbox" : "radio",
                "options": options.map { ["value": $0.id, "label": Self.inlineHTML($0.text)] },
            ]
        }
    }

    private func addHome(to context: inout [String: Any], root: String) {
        context["siteTitle"] = layout.config.title
        if let description = layout.config.description, !description.isEmpty { context["description"] = description }
        if !layout.config.organization.isEmpty { context["organization"] = layout.config.organization }
        var policyGroups: [[String: Any]] = []
        var otherGroups: [[String: Any]] = []
        for group in plan.navigation.groups {
            let policies = group.entries.compactMap { entry -> [String: Any]? in
                guard let policy = plan.policiesByURL[entry.url] else { return nil }
                let overdue = policy.isReviewOverdue(on: options.asOf)
                return [
                    "title": policy.title, "url": root + entry.url, "owner": policy.owner,
                    "version": policy.version.text,
                    "nextReview": policy.nextReview.description, "overdue": overdue,
                ]
            }
            let item: [String: Any] = [
                "title": group.title, "url": root + group.url, "policies": policies, "count": group.entries.count,
            ]
            if policies.isEmpty { otherGroups.append(item) } else { policyGroups.append(item) }
        }
        if !policyGroups.isEmpty { context["policyGroups"] = policyGroups }
        if !otherGroups.isEmpty {
            context["otherGroups"] = otherGroups
            context["hasOtherGroups"] = true
        }
        if let body = context["body"] as? String, !body.isEmpty { context["hasBody"] = true }
    }

    /// Breadcrumb and previous/next links.
    private func addTrail(of page: SitePage, to context: inout [String: Any]) {
        let root = page.pathToRoot
        var crumbs: [[String: Any]] = [["title": "Home", "url": root + "index.html"]]
        if let key = page.groupKey, let group = plan.navigation.group(key), group.url != page.url, !key.isEmpty {
            crumbs.append(["title": group.title, "url": root + group.url])
        }
        context["breadcrumb"] = crumbs
        context["hasBreadcrumb"] = true
        let (previous, next) = plan.navigation.neighbours(of: page.url)
        if let previous { context["previous"] = ["title": previous.title, "url": root + previous.url] }
        if let next { context["next"] = ["title": next.title, "url": root + next.url] }
        context["hasPager"] = previous != nil || next != nil
    }

    /// An option's Markdown as inline HTML (no paragraph around it).
    static func inlineHTML(_ markdown: String) -> String {
        let document = MarkdownDocument(parsing: markdown)
        let blocks = document.rootNode.children
        guard blocks.count == 1, blocks[0].kind == .paragraph else { return HTMLEscaping.text(markdown) }
        return blocks[0].renderChildrenHTML().trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
