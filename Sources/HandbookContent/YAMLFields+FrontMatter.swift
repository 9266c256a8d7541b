extension YAMLFields {
    /// Splits `file` into its front matter and body and parses the front matter's fields, for files
    /// that must have front matter (policies, quizzes). Nil, with the diagnostics, when the front
    /// matter is missing, unclosed or not valid YAML.
    ///
    /// - Parameters:
    ///   - kind: what the file is, for the message ("a policy").
    ///   - requiredFields: the fields to name in the message when front matter is missing.
    static func requiredFrontMatter(
        of file: SourceFile, kind: String, requiredFields: String
    ) -> (parsed: (frontMatter: FrontMatter, fields: YAMLFields)?, diagnostics: [Diagnostic]) {
        let frontMatter: FrontMatter
        do {
            frontMatter = try FrontMatter.split(file.text, path: file.path)
        } catch {
            return (nil, [error])
        }
        guard let yaml = frontMatter.yaml else {
            let message =
                "\(kind) needs front matter: start the file with a '---' line, the fields (\(requiredFields)), and a closing '---' line"
            return (nil, [.error(message, at: SourceLocation(path: file.path))])
        }
        let (fields, diagnostics) = YAMLFields.parse(yaml: yaml, path: file.path, firstLine: frontMatter.yamlStartLine)
        return (fields.map { (frontMatter, $0) }, diagnostics)
    }
}
