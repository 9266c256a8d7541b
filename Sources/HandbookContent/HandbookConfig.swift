/// Site-wide settings from `content/handbook.yml`.
public struct HandbookConfig: Hashable, Sendable {
    /// How broken internal links are treated.
    public enum LinkPolicy: String, Hashable, Sendable, CaseIterable {
        case fail, warn
    }

    public var title: String
    public var organization: String
    /// Where the handbook is published, e.g. `https://handbook.example.com/` (used in absolute links and reports).
    public var baseURL: String
    /// Order of top-level sections (folder names); sections not listed follow alphabetically.
    public var sections: [String]
    /// Emails of the people who may see everyone's training status.
    public var admins: [String]
    /// Broken links fail the build (default) or warn.
    public var links: LinkPolicy
    /// The roster CSV, relative to the root, if configured.
    public var people: String?
    /// The training records database, relative to the root, if configured.
    public var records: String?
    /// A short description shown on the home page.
    public var description: String?
    /// When `attest training remind` writes to people (``ReminderSettings/defaults`` when not configured).
    public var reminders: ReminderSettings

    public init(
        title: String, organization: String = "", baseURL: String = "/", sections: [String] = [],
        admins: [String] = [], links: LinkPolicy = .fail, people: String? = nil, records: String? = nil,
        description: String? = nil, reminders: ReminderSettings = .defaults
    ) {
        self.title = title
        self.organization = organization
        self.baseURL = baseURL
        self.sections = sections
        self.admins = admins
        self.links = links
        self.people = people
        self.records = records
        self.description = description
        self.reminders = reminders
    }
}
