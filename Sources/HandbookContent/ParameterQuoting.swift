import Foundation
import Markdown

/// Replaces `{{ controls.ID.PARAM }}` in a policy's prose with the parameter's value from its
/// front matter, so that text and enforcement never drift. Other `{{ … }}` and anything in code
/// spans or blocks stay exactly as written.
///
/// `PARAM` is a parameter of the control's check (its default filled in when not written), or
/// `title` or `severity`. Spaces inside the braces are optional. A reference must sit within one
/// line of prose.
public enum ParameterQuoting {
    /// Rewrites the text nodes of `document`; returns an error diagnostic for each unknown reference,
    /// at the reference's exact line and column (columns in bytes, as cmark counts them).
    /// `bodyStartLine` is the file line where the Markdown body starts. A reference in error is left as written.
    public static func apply(
        to document: MarkdownDocument, controls: [Control], sourcePath: String, bodyStartLine: Int
    ) -> [Diagnostic] {
        let controlsByID = Dictionary(controls.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let lines = SourceLines(document.source)
        var diagnostics: [Diagnostic] = []
        // Where the previous reference of the current block was found, so repeats get their own column.
        var cursor = (block: -1, line: 0, offset: 0)
        document.rewriteText { text, blockLine in
            guard text.utf8.contains(UInt8(ascii: "{")), text.contains("{{") else { return text }
            if cursor.block != blockLine { cursor = (blockLine, blockLine, 0) }
            var result = ""
            var rest = Substring(text)
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                let inner = rest[open.upperBound..<close.lowerBound].trimmed()
                guard inner.hasPrefix("controls.") else {
                    result += rest[..<open.upperBound]
                    rest = rest[open.upperBound...]
                    continue
                }
                let written = String(rest[open.lowerBound..<close.upperBound])
                var location = SourceLocation(path: sourcePath, line: blockLine + bodyStartLine - 1, column: 1)
                if let found = lines.find(written, fromLine: cursor.line, offset: cursor.offset) {
                    cursor.line = found.line
                    cursor.offset = found.offset + written.utf8.count
                    location = SourceLocation(
                        path: sourcePath, line: found.line + bodyStartLine - 1, column: found.offset + 1)
                }
                result += rest[..<open.lowerBound]
                switch resolve(inner, controls: controlsByID) {
                case .success(let value): result += value
                case .failure(let problem):
                    diagnostics.append(.error(problem.message, at: location))
                    result += written
                }
                rest = rest[close.upperBound...]
            }
            return result + rest
        }
        return diagnostics
    }

    struct Problem: Error {
        var message: String
    }

    /// The value `controls.ID.PARAM` quotes.
    static func resolve(_ reference: String, controls: [String: Control]) -> Result<String, Problem> {
        let parts = reference.dropFirst("controls.".count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return .failure(
                Problem(message: "malformed reference '{{ \(reference) }}'; write {{ controls.CONTROL-ID.parameter }}"))
        }
        let id = String(parts[0]), name = String(parts[1])
        guard let control = controls[id] else {
            let known = controls.keys.sorted().joined(separator: ", ")
            return .failure(
                Problem(
                    message: "unknown reference '\(reference)': this policy declares no control '\(id)'"
                        + (known.isEmpty ? " (it declares no controls)" : "; its controls: \(known)")))
        }
        switch name {
        case "title": return .success(control.title)
        case "severity": return .success(control.severity.rawValue)
        default: break
        }
        if let value = ControlCatalogue.resolvedParams(check: control.check, params: control.params)[name] {
            return .success(value.description)
        }
        let parameters = ControlCatalogue.checks[control.check]?.parameters.map(\.name) ?? []
        if parameters.contains(name) {
            return .failure(
                Problem(
                    message:
                        "unknown reference '\(reference)': parameter '\(name)' of control '\(id)' is not set and has no default"
                ))
        }
        return .failure(
            Problem(
                message:
                    "unknown reference '\(reference)': control '\(id)' (check '\(control.check)') has no parameter '\(name)'; it has: \((parameters + ["title", "severity"]).joined(separator: ", "))"
            ))
    }
}
