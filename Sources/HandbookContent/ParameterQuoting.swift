import Markdown

/// Replaces `{{ controls.ID.PARAM }}` in a policy's prose with the parameter's value from its
/// front matter, so that text and enforcement never drift. Other `{{ … }}` and anything in code
/// spans or blocks stay exactly as written.
///
/// CONTRACT (placeholder until the content-model work lands).
public enum ParameterQuoting {
    /// Rewrites the text nodes of `document`; returns an error diagnostic for each unknown reference.
    /// `bodyStartLine` is the file line where the Markdown body starts.
    public static func apply(
        to document: MarkdownDocument, controls: [Control], sourcePath: String, bodyStartLine: Int
    ) -> [Diagnostic] {
        []
    }
}
