import HandbookContent
import Markdown

/// A quiz as the server grades it: the quiz, the policy versions that passing acknowledges,
/// and its explanations and option texts rendered to HTML once at start.
struct ServedQuiz: Sendable {
    let quiz: Quiz
    /// Policy id → its version in the loaded handbook.
    let policyVersions: [String: String]
    /// Question id → the explanation as HTML (from Markdown; raw HTML dropped by cmark).
    let explanationHTML: [Int: String]
    /// Question id → option id → the option's text as inline HTML.
    let optionHTML: [Int: [String: String]]

    init(quiz: Quiz, policies: [Policy]) {
        self.quiz = quiz
        var versions: [String: String] = [:]
        for id in quiz.policies {
            if let policy = policies.first(where: { $0.id == id }) { versions[id] = policy.version.text }
        }
        policyVersions = versions
        var explanations: [Int: String] = [:]
        var options: [Int: [String: String]] = [:]
        for question in quiz.questions {
            if let explanation = question.explanation, !explanation.isEmpty {
                explanations[question.id] = MarkdownDocument(parsing: explanation).renderHTML()
            }
            var texts: [String: String] = [:]
            for option in question.options {
                texts[option.id] = Self.inlineHTML(option.text)
            }
            options[question.id] = texts
        }
        explanationHTML = explanations
        optionHTML = options
    }

    /// Inline Markdown as HTML without the paragraph cmark wraps it in.
    static func inlineHTML(_ markdown: String) -> String {
        var html = MarkdownDocument(parsing: markdown).renderHTML()
        while html.hasSuffix("\n") { html.removeLast() }
        if html.hasPrefix("<p>"), html.hasSuffix("</p>"), html.components(separatedBy: "<p>").count == 2 {
            html = String(html.dropFirst(3).dropLast(4))
        }
        return html
    }
}
