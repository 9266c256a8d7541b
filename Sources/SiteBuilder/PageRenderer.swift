import Foundation
import HandbookContent
import Markdown

/// Renders one page of the site to HTML: its Markdown (links resolved and checked, heading ids),
/// its template, and the layout around it. Pages are rendered in one pass; whether the headings
/// their links name exist is checked after all of them (``anchorDiagnostics(_:of:headingIDs:)``).
struct PageRenderer: Sendable {
    struct Output: Sendable {
        /// The page's HTML, as UTF-8.
        var html: [UInt8]
        var searchEntry: SearchIndex.Entry?
        /// Problems found rendering it: links that lead nowhere, unknown parameter references.
        var diagnostics: [Diagnostic]
        /// The ids of its headings, in order.
        var headingIDs: [String]
        /// The headings its links name, to check once every page's headings are known.
        var anchorLinks: [AnchorLink]

        /// The other pages whose headings this page links to.
        var anchoredPages: Set<String> {
            Set(anchorLinks.compactMap { $0.reference.onSamePage ? nil : $0.reference.page })
        }
    }

    /// A link to a heading, with where it is written.
    struct AnchorLink: Sendable, Equatable {
        var reference: LinkResolver.AnchorReference
        var destination: String
        var isImage: Bool
        var location: SourceLocation?
    }

    var plan: SitePlan
    var layout: SiteLayout
    var resolver: LinkResolver
    /// Pre-rendered sidebars by ``sidebarKey(groupKey:pathToRoot:)``.
    var sidebars: [String: String]
    var options: SiteBuildOptions
    /// Whether pages will be rendered again (`--watch`): then even the pages of a kind of their own
    /// (home, search) are spliced into frames, made once for the next time.
    var rendersAgain = false

    static func sidebarKey(groupKey: String?, pathToRoot: String) -> String { (groupKey ?? "\u{0}") + "|" + pathToRoot }

    private var theme: SiteTheme { layout.theme }

    /// A renderer for the pages of `plan`, with what they share prepared once: the link resolver, the
    /// layout (reusing `frames` of the same theme when given) and the sidebar per group and folder depth.
    static func make(
        plan: SitePlan, theme: SiteTheme, config: HandbookConfig, options: SiteBuildOptions,
        frames: TemplateFrames? = nil, rendersAgain: Bool = false
    ) async -> PageRenderer {
        let layout = SiteLayout(theme: theme, navigation: plan.navigation, config: config, frames: frames)
        let sidebars = await layout.sidebars(for: plan.pages)
        return PageRenderer(
            plan: plan, layout: layout, resolver: LinkResolver(plan: plan), sidebars: sidebars, options: options,
            rendersAgain: rendersAgain)
    }

    /// Diagnostics for the links of `links` (written in the page at `url`) whose heading does not
    /// exist, given each page's heading ids.
    func anchorDiagnostics(_ links: [AnchorLink], headingIDs: (String) -> Set<String>?) -> [Diagnostic] {
        links.compactMap { link in
            guard let reason = resolver.problem(with: link.reference, headingIDs: headingIDs(link.reference.page))
            else { return nil }
            let message = "broken \(link.isImage ? "image" : "link") to '\(link.destination)': \(reason)"
            return Diagnostic(options.linkPolicy == .warn ? .warning : .error, message, at: link.location)
        }
    }

    func render(_ page: SitePage) -> Output {
        let root = page.pathToRoot
        var diagnostics: [Diagnostic] = []
        var bodyHTML = ""
        var plainText = ""
        var anchorLinks: [AnchorLink] = []
        var outline: PageOutline?
        if !page.body.isEmpty {
            let (document, quotingDiagnostics) = PageOutline.document(for: page)
            let found = PageOutline(document: document, diagnostics: quotingDiagnostics)
            diagnostics += quotingDiagnostics
            diagnostics += checkAndRewriteLinks(in: document, of: page, anchorLinks: &anchorLinks)
            bodyHTML = document.renderHTML(headingIDs: found.headingIDs)
            plainText = document.plainText(limit: SearchIndex.textLimit)
            outline = found
        }
        var context: TemplateObject = ["root": .text(root), "title": .text(page.title), "body": .text(bodyHTML)]
        if let outline, !outline.tableOfContents.isEmpty {
            context["toc"] = .list(
                outline.tableOfContents.map {
                    .object(["id": .text($0.id), "text": .text($0.text), "nested": .flag($0.level > 2)])
                })
            context["hasToc"] = .flag(true)
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
            if let summary = handbookPage.summary, !summary.isEmpty { context["summary"] = .text(summary) }
            context["showTitle"] = .flag(!(outline?.hasTitleHeading ?? false))
            context["sourcePath"] = .text(handbookPage.sourcePath)
            if !handbookPage.sourceSHA256.isEmpty { context["sourceSHA256"] = .text(handbookPage.sourceSHA256) }
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
            context["entries"] = .list(
                entries.map { entry in
                    var item: TemplateObject = ["title": .text(entry.title), "url": .text(root + entry.url)]
                    if let summary = entry.summary, !summary.isEmpty { item["summary"] = .text(summary) }
                    return .object(item)
                })
            context["breadcrumb"] = .list([.object(["title": .text("Home"), "url": .text(root + "index.html")])])
            context["hasBreadcrumb"] = .flag(true)
        case .search:
            template = "search"
        }
        let content: String
        switch page.kind {
        case .home where !rendersAgain, .search where !rendersAgain:
            // One page each: a frame would be made for nothing.
            content = theme.render(template, context: context)
        default:
            content = layout.frames.render(template, context)
        }
        if case .policy(let policy) = page.kind, policy.acknowledge,
            !AcceptanceFormMarkup.hasMarks(in: content, policy: policy)
        {
            diagnostics.append(
                .error(
                    "the theme's policy.mustache does not write {{{acceptanceForm}}} on the page of policy '\(policy.id)', "
                        + "which asks for acceptance (acknowledge: true): the server needs it to show the form",
                    at: nil))
        }
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
        var html: [UInt8] = []
        html.reserveCapacity(content.utf8.count + sidebar.utf8.count + 2048)
        layout.wrap(
            content: content, title: page.title, pathToRoot: root, sidebar: sidebar, description: description,
            isSearch: { if case .search = page.kind { return true } else { return false } }(), into: &html)
        return Output(
            html: html, searchEntry: searchEntry, diagnostics: diagnostics, headingIDs: outline?.headingIDs ?? [],
            anchorLinks: anchorLinks)
    }

    /// Reports every link that leads nowhere (but for its heading: see ``anchorDiagnostics(_:headingIDs:)``)
    /// and points the others at the rendered pages.
    private func checkAndRewriteLinks(
        in document: MarkdownDocument, of page: SitePage, anchorLinks: inout [AnchorLink]
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var resolutions: [String: (resolution: LinkResolver.Resolution, anchor: LinkResolver.AnchorReference?)] = [:]
        for link in document.links() {
            let resolved: (resolution: LinkResolver.Resolution, anchor: LinkResolver.AnchorReference?)
            if let known = resolutions[link.destination] {
                resolved = known
            } else {
                resolved = resolver.resolution(of: link.destination, from: page)
                resolutions[link.destination] = resolved
            }
            let location = page.sourcePath.map {
                SourceLocation(path: $0, line: page.bodyStartLine + link.line - 1, column: max(link.column, 1))
            }
            if let anchor = resolved.anchor {
                anchorLinks.append(
                    AnchorLink(
                        reference: anchor, destination: link.destination, isImage: link.isImage, location: location))
            }
            guard case .broken(let reason) = resolved.resolution else { continue }
            let message = "broken \(link.isImage ? "image" : "link") to '\(link.destination)': \(reason)"
            diagnostics.append(Diagnostic(options.linkPolicy == .warn ? .warning : .error, message, at: location))
        }
        document.rewriteLinks { destination in
            if case .rewritten(let target)? = resolutions[destination]?.resolution { return target }
            return destination
        }
        return diagnostics
    }

    private func addPolicy(_ policy: Policy, to context: inout TemplateObject, root: String) {
        context["id"] = .text(policy.id)
        context["owner"] = .text(policy.owner)
        context["version"] = .text(policy.version.text)
        context["lastReviewed"] = .text(policy.lastReviewed.description)
        context["nextReview"] = .text(policy.nextReview.description)
        context["overdue"] = .flag(policy.isReviewOverdue(on: options.asOf))
        context["sourcePath"] = .text(policy.sourcePath)
        if !policy.sourceSHA256.isEmpty { context["sourceSHA256"] = .text(policy.sourceSHA256) }
        if let summary = policy.summary, !summary.isEmpty { context["summary"] = .text(summary) }
        if !policy.frameworks.isEmpty { context["frameworks"] = .text(policy.frameworks.joined(separator: ", ")) }
        if !policy.tags.isEmpty { context["tags"] = .list(policy.tags.map(TemplateValue.text)) }
        if !policy.controls.isEmpty {
            context["controls"] = .list(
                policy.controls.map { control in
                    .object([
                        "id": .text(control.id), "title": .text(control.title),
                        "severity": .text(control.severity.rawValue),
                        "rule": .text(ControlCatalogue.ruleDescription(check: control.check, params: control.params)),
                        "frameworks": .text(control.frameworks.joined(separator: ", ")),
                    ])
                })
            context["hasControls"] = .flag(true)
        }
        if policy.acknowledge {
            context["acknowledge"] = .flag(true)
            context["acceptanceForm"] = .text(AcceptanceFormMarkup.placeholder(for: policy))
        }
        let quizzes = plan.quizzesByPolicy[policy.id] ?? []
        if !quizzes.isEmpty {
            context["quizzes"] = .list(
                quizzes.map { .object(["title": .text($0.title), "url": .text(root + SiteURL.forQuiz($0.id))]) })
            context["hasQuizzes"] = .flag(true)
        }
    }

    /// The quiz form. Nothing in it depends on which options are correct: each option is only
    /// its value and its label.
    private func addQuiz(_ quiz: Quiz, to context: inout TemplateObject, root: String) {
        context["id"] = .text(quiz.id)
        context["action"] = .text(QuizFormMarkup.action(quizID: quiz.id))
        context["passPercent"] = .number(quiz.passPercent)
        context["questionCount"] = .number(quiz.questions.count)
        let policies = quiz.policies.compactMap { plan.policiesByID[$0] }
        if !policies.isEmpty {
            context["policies"] = .list(
                policies.map {
                    .object(["title": .text($0.title), "url": .text(root + SiteURL.forSource($0.sourcePath))])
                })
            context["hasPolicies"] = .flag(true)
        }
        context["questions"] = .list(
            quiz.questions.map { question in
                let multiple = question.isMultipleChoice
                let options = QuizOptionOrder.options(of: question, quizID: quiz.id, shuffle: quiz.shuffle)
                return .object([
                    "number": .number(question.id), "name": .text(QuizFormMarkup.fieldName(question: question.id)),
                    "text": .text(question.text), "multiple": .flag(multiple),
                    "inputType": .text(multiple ? "checkbox" : "radio"),
                    "options": .list(
                        options.map { .object(["value": .text($0.id), "label": .text(Self.inlineHTML($0.text))]) }),
                ])
            })
    }

    private func addHome(to context: inout TemplateObject, root: String) {
        context["siteTitle"] = .text(layout.config.title)
        if let description = layout.config.description, !description.isEmpty {
            context["description"] = .text(description)
        }
        if !layout.config.organization.isEmpty { context["organization"] = .text(layout.config.organization) }
        var policyGroups: [TemplateValue] = []
        var otherGroups: [TemplateValue] = []
        for group in plan.navigation.groups {
            let policies = group.entries.compactMap { entry -> TemplateValue? in
                guard let policy = plan.policiesByURL[entry.url] else { return nil }
                return .object([
                    "title": .text(policy.title), "url": .text(root + entry.url), "owner": .text(policy.owner),
                    "version": .text(policy.version.text), "nextReview": .text(policy.nextReview.description),
                    "overdue": .flag(policy.isReviewOverdue(on: options.asOf)),
                ])
            }
            let item: TemplateObject = [
                "title": .text(group.title), "url": .text(root + group.url), "policies": .list(policies),
                "count": .number(group.entries.count),
            ]
            if policies.isEmpty { otherGroups.append(.object(item)) } else { policyGroups.append(.object(item)) }
        }
        if !policyGroups.isEmpty { context["policyGroups"] = .list(policyGroups) }
        if !otherGroups.isEmpty {
            context["otherGroups"] = .list(otherGroups)
            context["hasOtherGroups"] = .flag(true)
        }
        if case .text(let body)? = context["body"], !body.isEmpty { context["hasBody"] = .flag(true) }
    }

    /// Breadcrumb and previous/next links.
    private func addTrail(of page: SitePage, to context: inout TemplateObject) {
        let root = page.pathToRoot
        var crumbs: [TemplateValue] = [.object(["title": .text("Home"), "url": .text(root + "index.html")])]
        if let key = page.groupKey, let group = plan.navigation.group(key), group.url != page.url, !key.isEmpty {
            crumbs.append(.object(["title": .text(group.title), "url": .text(root + group.url)]))
        }
        context["breadcrumb"] = .list(crumbs)
        context["hasBreadcrumb"] = .flag(true)
        let (previous, next) = plan.navigation.neighbours(of: page.url)
        if let previous {
            context["previous"] = .object(["title": .text(previous.title), "url": .text(root + previous.url)])
        }
        if let next { context["next"] = .object(["title": .text(next.title), "url": .text(root + next.url)]) }
        context["hasPager"] = .flag(previous != nil || next != nil)
    }

    /// An option's Markdown as inline HTML (no paragraph around it).
    static func inlineHTML(_ markdown: String) -> String {
        let document = MarkdownDocument(parsing: markdown)
        let blocks = document.rootNode.children
        guard blocks.count == 1, blocks[0].kind == .paragraph else { return HTMLEscaping.text(markdown) }
        return blocks[0].renderChildrenHTML().trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
