import HandbookContent
import Mustache

/// The reminder templates: `templates/email/{reminder,manager}.{subject,txt,html}.mustache` of the
/// handbook (swift-mustache; the `.txt` and `.subject` templates render as plain text, the `.html`
/// template escapes every value). A template the handbook lacks comes from `defaults`.
public struct ReminderTemplates: Sendable {
    /// The six template names (without `.mustache`), under `templates/email/`.
    public static let names = [
        "reminder.subject", "reminder.txt", "reminder.html", "manager.subject", "manager.txt", "manager.html",
    ]

    let library: MustacheLibrary

    /// Parses `sources` (name → text; missing names from `defaults`); a template that does not parse
    /// is an error at its line and column under `displayPath`.
    public static func make(sources: [String: String], defaults: [String: String], displayPath: String) -> (
        templates: ReminderTemplates?, diagnostics: [Diagnostic]
    ) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for name in names {
            guard var text = sources[name] ?? defaults[name] else {
                diagnostics.append(.error("no template '\(displayPath)/\(name).mustache'", at: nil))
                continue
            }
            // Plain text and subjects are not HTML: their values are written as they are.
            let pragma = name.hasSuffix(".html") ? "" : "{{% CONTENT_TYPE: TEXT}}"
            text = pragma + text
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(
                        "template error: \(error.error)",
                        at: SourceLocation(
                            path: "\(displayPath)/\(name).mustache", line: error.context.lineNumber,
                            column: max(
                                1, error.context.columnNumber - (error.context.lineNumber == 1 ? pragma.count : 0)))))
            } catch {
                diagnostics.append(
                    .error("template error: \(error)", at: SourceLocation(path: "\(displayPath)/\(name).mustache")))
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (ReminderTemplates(library: library), diagnostics)
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}
