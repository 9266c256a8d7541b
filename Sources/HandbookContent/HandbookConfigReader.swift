/// Reads `content/handbook.yml`: the site-wide settings.
///
/// Keys: `title` (required), `organization`, `base_url`, `description`, `sections` (order of
/// top-level sections), `admins` (emails), `links` (`fail` or `warn`), `people` (roster path relative
/// to the root), `records` (database path relative to the root), `reminders` (a mapping, see
/// ``ReminderSettings``). Unknown keys are warnings.
public enum HandbookConfigReader {
    /// The keys `handbook.yml` understands.
    public static let knownKeys = [
        "title", "organization", "base_url", "description", "sections", "admins", "links", "people", "records",
        "reminders",
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
        let reminders = readReminders(&fields)
        let diagnostics = parseDiagnostics + fields.diagnostics
        guard let title, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (
            HandbookConfig(
                title: title, organization: organization, baseURL: baseURL, sections: sections, admins: admins,
                links: links, people: people, records: records, description: description, reminders: reminders),
            diagnostics
        )
    }
}

extension HandbookConfigReader {
    /// `reminders:`: every field optional, defaults from ``ReminderSettings/defaults``; errors are
    /// added to `fields` at the value's line and column.
    static func readReminders(_ fields: inout YAMLFields) -> ReminderSettings {
        guard fields.value("reminders") != nil else { return .defaults }
        guard var section = fields.mapping("reminders", what: "a mapping of reminder settings") else {
            return .defaults
        }
        defer { fields.diagnostics += section.diagnostics }
        section.warnUnknownKeys(ReminderSettings.knownKeys, in: "reminders")
        var settings = ReminderSettings.defaults
        if let days = section.stringList("before_days", what: "a list of whole numbers of days (1…365)") {
            var values: [Int] = []
            for (text, location) in days {
                if let number = Int(text), (1...365).contains(number) {
                    values.append(number)
                } else {
                    section.error("'before_days' must list whole numbers of days (1…365), got '\(text)'", at: location)
                }
            }
            settings.beforeDays = Array(Set(values)).sorted(by: >)
        }
        if let flag = section.boolean("on_due_date") { settings.onDueDate = flag }
        if let every = section.integer("overdue_every_days", in: 0...365, what: "a whole number of days (0: never)") {
            settings.overdueEveryDays = every
        }
        if section.value("manager_after_days") != nil {
            if case .scalar(let scalar) = section.value("manager_after_days")!, scalar.string == "never" {
                settings.managerAfterDays = nil
            } else if let days = section.integer(
                "manager_after_days", in: 0...3650, what: "a whole number of days, or never")
            {
                settings.managerAfterDays = days
            }
        }
        for key in ["from", "reply_to"] {
            guard let text = section.string(key, what: "an email address, or Name <address>") else { continue }
            guard let mailbox = Mailbox(parsing: text) else {
                section.error(
                    "'\(key)' must be an email address, or Name <address>, got '\(text)'",
                    at: section.valueLocation(key))
                continue
            }
            if key == "from" { settings.from = mailbox } else { settings.replyTo = mailbox }
        }
        return settings
    }
}
