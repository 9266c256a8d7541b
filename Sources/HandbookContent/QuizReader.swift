import Markdown

/// Reads a quiz: `content/quizzes/*.md`.
///
/// Front matter: `id` (slug), `title`, `policies` (policy ids), `pass_percent` (1…100, default 80),
/// `valid_days` (default 365), `audience` (roster groups, default everyone), `due_within_days_of_start`
/// (default 30), `shuffle` (options in a new order for every attempt; default true), `feedback`
/// (`after-pass`, `always` or `never`: when a result page shows the explanations and right options;
/// default `after-pass`), `draft`.
///
/// Body: a Markdown introduction, then each question as a level-2 heading followed by a list of
/// options, `- [x] …` correct and `- [ ] …` wrong, then optionally a blockquote: the explanation.
/// cmark has no task-list extension, so the marker is read from the start of the item's text.
///
/// Option texts and explanations are kept as **Markdown source** taken from the file by the nodes'
/// line and column ranges (the explanation without its `>` markers); the site renders them with
/// ``MarkdownDocument`` like any other Markdown. Question ids are 1…n and option ids a, b, c… in
/// source order.
public enum QuizReader {
    /// What reading one quiz file gives.
    public struct Output: Sendable {
        /// Nil when the file has errors.
        public var quiz: Quiz?
        public var diagnostics: [Diagnostic]
        /// The id as written, when valid, even if other fields have errors (for cross-checks).
        public var id: String?
        /// Where `id` is written, for duplicate-id errors.
        public var idLocation: SourceLocation?
        /// The policy ids in `policies`, checked by the loader.
        public var policyReferences: [ContentReference]
        /// The groups in `audience`, checked by the loader against the roster.
        public var audienceReferences: [ContentReference]
    }

    /// The front matter keys a quiz understands; others are warnings.
    public static let knownKeys = [
        "id", "title", "policies", "pass_percent", "valid_days", "audience", "due_within_days_of_start", "shuffle",
        "feedback", "draft",
    ]

    /// Reads `file`, whose path is relative to the root.
    public static func read(_ file: SourceFile) -> Output {
        var output = Output(
            quiz: nil, diagnostics: [], id: nil, idLocation: nil, policyReferences: [], audienceReferences: [])
        let (parsed, parseDiagnostics) = YAMLFields.requiredFrontMatter(
            of: file, kind: "a quiz", requiredFields: "id, title, policies…")
        output.diagnostics += parseDiagnostics
        guard let (frontMatter, parsedFields) = parsed else { return output }
        var fields = parsedFields
        fields.warnUnknownKeys(knownKeys, in: "quiz front matter")
        let id = fields.string(
            "id", required: true, what: "a slug of lowercase letters, digits and '-'", validate: Slug.isValid)
        if let entry = fields.entry("id") { output.idLocation = fields.locate(entry.value) }
        output.id = id
        let title = fields.string("title", required: true, what: "the quiz's title")
        let policies = fields.stringList("policies", required: true, what: "a list of policy ids")
        let passPercent = fields.integer("pass_percent", in: 1...100, what: "a whole number from 1 to 100")
        let validDays = fields.integer("valid_days", in: 1...36_500, what: "a whole number of days")
        let audience = fields.stringList("audience", what: "a list of roster groups") ?? []
        let dueDays = fields.integer("due_within_days_of_start", in: 0...36_500, what: "a whole number of days")
        let shuffle = fields.boolean("shuffle") ?? true
        let feedback = fields.string("feedback", what: "after-pass, always or never") {
            QuizFeedback(rawValue: $0) != nil
        }
        .flatMap(QuizFeedback.init(rawValue:))
        let draft = fields.boolean("draft") ?? false
        output.policyReferences = (policies ?? []).map { ContentReference(name: $0.text, location: $0.location) }
        output.audienceReferences = audience.map { ContentReference(name: $0.text, location: $0.location) }
        output.diagnostics += fields.diagnostics

        let (introduction, questions, bodyDiagnostics) = readBody(
            frontMatter.body, bodyStartLine: frontMatter.bodyStartLine, path: file.path)
        output.diagnostics += bodyDiagnostics

        guard let id, let title, let policies, !output.diagnostics.hasErrors else { return output }
        output.quiz = Quiz(
            id: id, title: title, policies: policies.map(\.text), passPercent: passPercent ?? 80,
            validDays: validDays ?? 365, audience: audience.map(\.text), dueWithinDaysOfStart: dueDays ?? 30,
            shuffle: shuffle, feedback: feedback ?? .afterPass, draft: draft, introduction: introduction,
            questions: questions, sourcePath: file.path,
            contentSHA256: file.sha256)
        return output
    }

    /// The introduction and questions of a quiz body, with every problem found.
    static func readBody(_ body: String, bodyStartLine: Int, path: String)
        -> (introduction: String, questions: [QuizQuestion], diagnostics: [Diagnostic])
    {
        let document = MarkdownDocument(parsing: body)
        let source = SourceLines(body)
        let offset = bodyStartLine - 1
        var diagnostics: [Diagnostic] = []
        func at(_ line: Int, _ column: Int = 1) -> SourceLocation {
            SourceLocation(path: path, line: line + offset, column: max(column, 1))
        }

        struct Draft {
            var text: String
            var line: Int
            var options: [QuizOption]? = nil
            var explanation: String? = nil
        }
        var drafts: [Draft] = []
        var introductionEnd = source.count
        for block in document.rootNode.children {
            if block.kind == .heading, block.headingLevel == 2 {
                if drafts.isEmpty { introductionEnd = block.startLine - 1 }
                drafts.append(Draft(text: block.plainText.trimmed(), line: block.startLine))
                continue
            }
            guard !drafts.isEmpty else { continue }  // still in the introduction
            let index = drafts.count - 1
            if drafts[index].options == nil, block.kind == .list {
                drafts[index].options = readOptions(block, source: source, at: at, diagnostics: &diagnostics)
            } else if drafts[index].options != nil, drafts[index].explanation == nil, block.kind == .blockQuote {
                drafts[index].explanation = explanation(of: block, source: source)
            } else {
                let expected =
                    drafts[index].options == nil
                    ? "the list of options ('- [x] …' correct, '- [ ] …' wrong)"
                    : drafts[index].explanation == nil
                        ? "an explanation in a blockquote ('> …') or the next question ('## …')"
                        : "the next question ('## …')"
                diagnostics.append(
                    .error(
                        "unexpected \(describe(block)) in question \(index + 1); expected \(expected)",
                        at: at(block.startLine, block.startColumn)))
            }
        }

        var questions: [QuizQuestion] = []
        var firstLineOfText: [String: Int] = [:]
        for (index, draft) in drafts.enumerated() {
            let location = at(draft.line)
            if draft.text.isEmpty {
                diagnostics.append(.error("question \(index + 1) has an empty heading", at: location))
            } else if let first = firstLineOfText[draft.text.lowercased()] {
                diagnostics.append(
                    .error("duplicate question '\(draft.text)' (also on line \(first + offset))", at: location))
            } else {
                firstLineOfText[draft.text.lowercased()] = draft.line
            }
            let options = draft.options ?? []
            if options.isEmpty {
                diagnostics.append(
                    .error(
                        "question '\(draft.text)' has no options; follow the heading with a list of '- [x] …' (correct) and '- [ ] …' (wrong) options",
                        at: location))
            } else if !options.contains(where: \.isCorrect), draft.options != nil {
                diagnostics.append(
                    .error(
                        "question '\(draft.text)' has no correct option; mark at least one with '- [x] …'", at: location
                    ))
            }
            questions.append(
                QuizQuestion(
                    id: index + 1, text: draft.text, options: options, explanation: draft.explanation,
                    line: draft.line + offset))
        }
        if drafts.isEmpty {
            diagnostics.append(
                .error(
                    "quiz has no questions; write each question as a level-2 heading ('## …') followed by its options",
                    at: at(max(source.count, 1))))
        }
        let introduction = source.text(lines: 1, through: introductionEnd).trimmed()
        return (introduction, questions, diagnostics)
    }

    private static func readOptions(
        _ list: MarkdownNode, source: SourceLines, at: (Int, Int) -> SourceLocation, diagnostics: inout [Diagnostic]
    ) -> [QuizOption] {
        var options: [QuizOption] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for item in list.children {
            let children = item.children
            guard let paragraph = children.first, paragraph.kind == .paragraph,
                let firstText = paragraph.children.first, firstText.kind == .text, let literal = firstText.literal,
                let isCorrect = marker(literal)
            else {
                diagnostics.append(
                    .error(
                        "an option must start with '[x] ' (correct) or '[ ] ' (wrong)",
                        at: at(item.startLine, item.startColumn)))
                continue
            }
            if children.count > 1 {
                diagnostics.append(
                    .error(
                        "an option must be a single paragraph of text; put details in the explanation blockquote",
                        at: at(children[1].startLine, children[1].startColumn)))
            }
            let raw = source.text(
                startLine: paragraph.startLine, startColumn: paragraph.startColumn, endLine: paragraph.endLine,
                endColumn: paragraph.endColumn)
            let text = String(raw.drop { $0 != "]" }.dropFirst()).trimmed()
            if text.isEmpty {
                diagnostics.append(
                    .error("an option has no text after its marker", at: at(paragraph.startLine, paragraph.startColumn))
                )
                continue
            }
            guard options.count < letters.count else {
                diagnostics.append(
                    .error("a question may have at most 26 options", at: at(item.startLine, item.startColumn)))
                break
            }
            options.append(QuizOption(id: String(letters[options.count]), text: text, isCorrect: isCorrect))
        }
        return options
    }

    /// True for `[x] `, false for `[ ] `, nil for anything else.
    private static func marker(_ text: String) -> Bool? {
        let head = text.prefix(4)
        switch head {
        case "[x] ", "[X] ": return true
        case "[ ] ": return false
        default:
            // "[x]" alone on the first line, the text following on the next.
            switch text {
            case "[x]", "[X]": return true
            case "[ ]": return false
            default: return nil
            }
        }
    }

    /// The blockquote's Markdown without its `>` markers.
    private static func explanation(of quote: MarkdownNode, source: SourceLines) -> String {
        var lines: [String] = []
        for number in quote.startLine...max(quote.startLine, quote.endLine) {
            var line = Substring(source.line(number))
            let indent = line.prefix { $0 == " " }.count
            if indent <= 3, line.dropFirst(indent).first == ">" {
                line = line.dropFirst(indent + 1)
                if line.first == " " { line = line.dropFirst() }
            }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n").trimmed()
    }

    private static func describe(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .paragraph: "paragraph"
        case .list: "list"
        case .blockQuote: "blockquote"
        case .codeBlock: "code block"
        case .heading: "level-\(node.headingLevel) heading"
        case .thematicBreak: "horizontal rule"
        case .htmlBlock: "HTML block"
        default: "content"
        }
    }
}
