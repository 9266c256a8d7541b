import Foundation
import HandbookContent
import Mustache

/// A handbook theme: its Mustache templates, parsed once, and the folder of its static assets.
///
/// Templates are rendered with HTML escaping: `{{value}}` escapes, `{{{html}}}` inserts HTML
/// that Attest produced (rendered Markdown, navigation).
public struct SiteTheme: Sendable {
    /// The templates every theme must have.
    public static let requiredTemplates = ["home", "layout", "page", "policy", "quiz", "search", "section", "sidebar"]

    private let library: MustacheLibrary
    /// The names of the templates (file names without `.mustache`).
    public let templateNames: Set<String>
    /// The theme folder's `static/`, copied to `site/static/`; nil for a theme made from strings.
    public let staticDirectory: String?

    /// Loads every `*.mustache` file of `directory` (sub-folders named `sub/name`, `static/` excepted).
    ///
    /// - Parameter displayPath: how the folder is named in diagnostics (e.g. `templates`).
    /// - Returns: the theme, or nil with diagnostics naming each file and line that is wrong.
    public static func load(directory: String, displayPath: String) -> (theme: SiteTheme?, diagnostics: [Diagnostic]) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (nil, [.error("no templates folder at '\(displayPath)'", at: nil)])
        }
        var sources: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        let files = (fileManager.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
        for file in files where file.hasSuffix(".mustache") && !file.hasPrefix("static/") && !file.hasPrefix("email/") {
            let shown = displayPath + "/" + file
            guard let data = fileManager.contents(atPath: directory + "/" + file) else {
                diagnostics.append(.error("cannot read template", at: SourceLocation(path: shown)))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error("template is not valid UTF-8", at: SourceLocation(path: shown)))
                continue
            }
            sources[String(file.dropLast(".mustache".count))] = text
        }
        let staticDirectory = directory + "/static"
        let hasStatic =
            fileManager.fileExists(atPath: staticDirectory, isDirectory: &isDirectory) && isDirectory.boolValue
        let (theme, parseDiagnostics) = make(
            sources: sources, displayPath: displayPath, staticDirectory: hasStatic ? staticDirectory : nil)
        diagnostics += parseDiagnostics
        return (diagnostics.hasErrors ? nil : theme, diagnostics)
    }

    /// A theme from template texts by name (e.g. the embedded default theme, or a server's extra
    /// templates); diagnostics name `displayPath/NAME.mustache`.
    public static func make(
        sources: [String: String], displayPath: String = "templates", staticDirectory: String? = nil
    ) -> (theme: SiteTheme?, diagnostics: [Diagnostic]) {
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(
                        "template error: \((error.error as? MustacheTemplate.Error)?.message ?? "\(error.error)")",
                        at: SourceLocation(
                            path: "\(displayPath)/\(name).mustache", line: error.context.lineNumber,
                            column: max(error.context.columnNumber, 1))))
            } catch {
                diagnostics.append(
                    .error("template error: \(error)", at: SourceLocation(path: "\(displayPath)/\(name).mustache")))
            }
        }
        for name in requiredTemplates where sources[name] == nil {
            diagnostics.append(.error("the theme has no '\(displayPath)/\(name).mustache'", at: nil))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (
            SiteTheme(library: library, templateNames: Set(sources.keys), staticDirectory: staticDirectory), diagnostics
        )
    }

    private init(library: MustacheLibrary, templateNames: Set<String>, staticDirectory: String?) {
        self.library = library
        self.templateNames = templateNames
        self.staticDirectory = staticDirectory
    }

    /// Renders the template `name` with `context` (dictionaries, arrays, strings, numbers, booleans).
    /// An unknown name renders as an empty string.
    public func render(_ name: String, context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// Renders the template `name` with a context as the engine reads it (see ``TemplateValue/mustacheValue``).
    func render(_ name: String, context: Any) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// Renders the template `name` with `context`, directly (see ``TemplateFrames`` for many pages).
    func render(_ name: String, context: TemplateObject) -> String {
        library.render(context.mustacheValue, withTemplate: name) ?? ""
    }
}
