import Markdown

/// Reads an ordinary handbook page: any Markdown under `content/` outside `policies/`, `quizzes/`
/// and `data/`.
///
/// Front matter is optional: `title`, `summary`, `draft`, `weight`. Other keys are ignored without a
/// warning, because pages migrated from another handbook tool often carry that tool's keys. The title
/// defaults to the first heading, else the file name (for `index.md`: its folder's name, or `Home`
/// at the top).
public enum PageReader {
    /// Reads `file`, whose path is relative to the root (`content/…`); the page is nil when there is any error.
    public static func read(_ file: SourceFile) -> (page: HandbookPage?, diagnostics: [Diagnostic]) {
        let frontMatter: FrontMatter
        do {
            frontMatter = try FrontMatter.split(file.text, path: file.path)
        } catch {
            return (nil, [error])
        }
        var title: String?, summary: String?, draft = false, weight: Int?
        var diagnostics: [Diagnostic] = []
        if let yaml = frontMatter.yaml {
            let (parsed, parseDiagnostics) = YAMLFields.parse(
                yaml: yaml, path: file.path, firstLine: frontMatter.yamlStartLine)
            diagnostics += parseDiagnostics
            if var fields = parsed {
                title = fields.string("title", what: "the page's title")
                summary = fields.string("summary")
                draft = fields.boolean("draft") ?? false
                weight = fields.integer("weight", in: Int.min...Int.max, what: "a whole number")
                diagnostics += fields.diagnostics
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        var components = file.path.split(separator: "/").map(String.init)
        if components.first == "content" { components.removeFirst() }
        let fileName = components.popLast() ?? file.path
        let baseName = fileName.lowercased().hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        let isIndex = baseName.lowercased() == "index"
        if title == nil || title?.trimmed().isEmpty == true {
            let heading = MarkdownDocument(parsing: frontMatter.body).headings().first?.text.trimmed()
            if let heading, !heading.isEmpty {
                title = heading
            } else {
                title = isIndex ? (components.last ?? "Home") : baseName
            }
        }
        let page = HandbookPage(
            title: title ?? baseName, sourcePath: file.path, section: components.joined(separator: "/"),
            isIndex: isIndex, draft: draft, weight: weight, summary: summary, body: frontMatter.body,
            bodyStartLine: frontMatter.bodyStartLine, sourceSHA256: file.sha256)
        return (page, diagnostics)
    }
}
