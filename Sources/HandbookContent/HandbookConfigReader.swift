/// Reads `content/handbook.yml`: the site-wide settings.
///
/// Keys: `title` (required), `organization`, `base_url`, `description`, `sections` (order of
/// top-level sections), `admins` (emails), `links` (`fail` or `warn`), `people` (roster path relative
/// to the root), `records` (database path relative to the root). Unknown keys are warnings.
public enum HandbookConfigReader {
    /// The keys `handbook.yml` understands.
    public static let knownKeys = [
        "title", "organization", "base_url", "description", "sections", "admins", "links", "people", "records",
    ]

    /// Reads the file's text; the config is nil when there is any error.
    public static func read(_ file: SourceFile) -> (config: HandbookConfig?, diagnostics: [Diagnostic]) {
        read(text: file.text, path: file.path)
    }

    /// Reads YAML `text`; `path` is used in diagnostics.
    public static func read(text: String, path: String) -> (config: HandbookConfig?, diagnostics: [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLFields.parse(yaml: text, path: path, firstLine: 1)
        guard var fields = parsed else { return (nil, parseDiagnostics) }
        fields.warnUnknownKeys(knownKeys, in: "handbook.yml")
        let title = fields.string("title", required: true, what: "the handbook's title")
        let organization = fields.string("organization", what: "text") ?? ""
        let baseURL = fields.string("base_url", what: "a URL") ?? "/"
        let description = fields.string("description", what: "text")
        let sections = fields.stringList("sections", what: "a list of section folder names")?.map(\.text) ?? []
        var admins: [String] = []
        for (email, location) in fields.stringList("admins", what: "a list of emails") ?? [] {
            if EmailAddress.isValid(email) {
                admins.append(email.lowercased())
            } else {
                fields.error("'admins' must list email addresses, got '\(email)'", at: location)
            }
        }
        var links = HandbookConfig.LinkPolicy.fail
        if let text = fields.string("links", what: "fail or warn") {
            if let policy = HandbookConfig.LinkPolicy(rawValue: text) {
                links = policy
            } else {
                fields.error("'links' must be fail or warn, got '\(text)'", at: fields.valueLocation("links"))
            }
        }
        let people = fields.string("people", what: "a path relative to the root")
        let records = fields.string("records", what: "a path relative to the root")
        let diagnostics = parseDiagnostics + fields.diagnostics
        guard let title, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (
            HandbookConfig(
                title: title, organization: organization, baseURL: baseURL, sections: sections, admins: admins,
                links: links, people: people, records: records, description: description),
            diagnostics
        )
    }
}
