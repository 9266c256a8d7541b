import HandbookContent
import Markdown

/// What the published quiz form and the server agree on.
///
/// - The static page holds an empty token field; the server, when it serves a quiz page, puts the
///   visitor's token into it by replacing ``csrfTokenInput`` with ``csrfTokenInput(value:)``.
/// - Each question's options stand between ``optionsStart`` and ``optionsEnd``, each one starting
///   with ``optionStart``. The built page lists them in a fixed order (for `shuffle: true` a
///   shuffle that is the same in every build); the server shows them in a new order for every
///   attempt, and leaves the marks out. Answers are option ids, so the order never changes grading.
///
/// A theme's `quiz.mustache` writes them like this (the build refuses a theme whose quiz pages lack
/// them):
///
/// ```
/// <input type="hidden" name="csrf_token" value="">
/// …
/// <!--attest:options-->
/// {{#options}}
/// <!--attest:option--><label>…{{value}}…{{{label}}}</label>
/// {{/options}}
/// <!--/attest:options-->
/// ```
public enum QuizFormMarkup {
    /// The token field exactly as every quiz page holds it.
    public static let csrfTokenInput = "<input type=\"hidden\" name=\"csrf_token\" value=\"\">"

    /// The token field with `value` (HTML-escaped).
    public static func csrfTokenInput(value: String) -> String {
        "<input type=\"hidden\" name=\"csrf_token\" value=\"\(HTMLEscaping.attribute(value))\">"
    }

    /// Opens one question's options.
    public static let optionsStart = "<!--attest:options-->"
    /// Starts each option; an option's markup runs to the next one or to ``optionsEnd``.
    public static let optionStart = "<!--attest:option-->"
    /// Closes one question's options.
    public static let optionsEnd = "<!--/attest:options-->"

    /// Where a quiz's form posts: an absolute path, handled only by the server.
    public static func action(quizID: String) -> String { "/quizzes/\(quizID)/attempt" }

    /// The quiz id in a form's `action` (``action(quizID:)``), nil for any other path.
    public static func quizID(fromAction action: String) -> String? {
        let prefix = "/quizzes/"
        let suffix = "/attempt"
        guard action.hasPrefix(prefix), action.hasSuffix(suffix), action.count > prefix.count + suffix.count else {
            return nil
        }
        let id = action.dropFirst(prefix.count).dropLast(suffix.count)
        return id.contains("/") ? nil : String(id)
    }

    /// The form field of question `number` (1-based): `q1`, `q2`…; option values are the option ids.
    public static func fieldName(question number: Int) -> String { "q\(number)" }

    /// What a rendered quiz page lacks of the marks above, nil when it has them all: the token
    /// field, and (for a quiz that shuffles) one pair of option-list marks per question and one
    /// option mark per option.
    static func missingMarks(in html: String, quiz: Quiz) -> String? {
        guard html.contains(csrfTokenInput) else { return "the form token field \(csrfTokenInput)" }
        guard quiz.shuffle else { return nil }
        let lists = html.components(separatedBy: optionsStart).count - 1
        let ends = html.components(separatedBy: optionsEnd).count - 1
        let options = html.components(separatedBy: optionStart).count - 1
        let expected = quiz.questions.reduce(0) { $0 + $1.options.count }
        guard lists == quiz.questions.count, ends == lists, options == expected else {
            return "\(optionsStart) and \(optionsEnd) around each question's options (\(lists) of "
                + "\(quiz.questions.count)) and \(optionStart) before each option (\(options) of \(expected)), "
                + "which the server needs to shuffle them for every attempt"
        }
        return nil
    }
}
