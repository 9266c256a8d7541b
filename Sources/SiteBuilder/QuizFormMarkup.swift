import Markdown

/// What the published quiz form and the server agree on.
///
/// The static page holds an empty token field; the server, when it serves a quiz page, puts the
/// visitor's token into it by replacing ``csrfTokenInput`` with ``csrfTokenInput(value:)``.
public enum QuizFormMarkup {
    /// The token field exactly as every quiz page holds it.
    public static let csrfTokenInput = "<input type=\"hidden\" name=\"csrf_token\" value=\"\">"

    /// The token field with `value` (HTML-escaped).
    public static func csrfTokenInput(value: String) -> String {
        "<input type=\"hidden\" name=\"csrf_token\" value=\"\(HTMLEscaping.attribute(value))\">"
    }

    /// Where a quiz's form posts: an absolute path, handled only by the server.
    public static func action(quizID: String) -> String { "/quizzes/\(quizID)/attempt" }

    /// The form field of question `number` (1-based): `q1`, `q2`…; option values are the option ids.
    public static func fieldName(question number: Int) -> String { "q\(number)" }
}
