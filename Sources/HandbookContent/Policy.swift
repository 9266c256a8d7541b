/// A security policy: a Markdown file under `content/policies/` with required front matter.
public struct Policy: Hashable, Sendable {
    /// Unique slug.
    public var id: String
    public var title: String
    /// The owner's email.
    public var owner: String
    public var version: PolicyVersion
    public var lastReviewed: CalendarDate
    public var reviewEveryDays: Int
    public var summary: String?
    public var draft: Bool
    public var tags: [String]
    public var frameworks: [String]
    public var controls: [Control]
    /// The folder under `policies/` (e.g. `keys` for `policies/keys/rotation.md`), "" at the top.
    public var section: String
    /// The source path relative to the root, e.g. `content/policies/keys/rotation.md`.
    public var sourcePath: String
    /// The Markdown after the front matter.
    public var body: String
    /// The line of the source file where `body` starts.
    public var bodyStartLine: Int
    /// SHA-256 (hex) of the whole source file.
    public var sourceSHA256: String
    /// `acknowledge: true`: everyone in ``acknowledgeAudience`` must accept the policy ("I have read
    /// and accept version X"), again after each new major version.
    public var acknowledge: Bool
    /// Roster groups that must accept it (`acknowledge_audience`); empty means everyone.
    public var acknowledgeAudience: [String]
    /// New starters accept within this many days of their start date, and everyone within this many
    /// days of a new major version's review date (`acknowledge_within_days`, default 30).
    public var acknowledgeWithinDays: Int

    public init(
        id: String, title: String, owner: String, version: PolicyVersion, lastReviewed: CalendarDate,
        reviewEveryDays: Int, summary: String? = nil, draft: Bool = false, tags: [String] = [],
        frameworks: [String] = [], controls: [Control] = [], section: String = "", sourcePath: String,
        body: String = "", bodyStartLine: Int = 1, sourceSHA256: String = "", acknowledge: Bool = false,
        acknowledgeAudience: [String] = [], acknowledgeWithinDays: Int = 30
    ) {
        self.id = id
        self.title = title
        self.owner = owner
        self.version = version
        self.lastReviewed = lastReviewed
        self.reviewEveryDays = reviewEveryDays
        self.summary = summary
        self.draft = draft
        self.tags = tags
        self.frameworks = frameworks
        self.controls = controls
        self.section = section
        self.sourcePath = sourcePath
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.sourceSHA256 = sourceSHA256
        self.acknowledge = acknowledge
        self.acknowledgeAudience = acknowledgeAudience
        self.acknowledgeWithinDays = acknowledgeWithinDays
    }

    /// Whether `person` must accept this policy: it asks for acceptance and the person is in its
    /// audience (everyone when the audience is empty).
    public func requiresAcceptance(of person: Person) -> Bool {
        acknowledge && (acknowledgeAudience.isEmpty || !Set(acknowledgeAudience).isDisjoint(with: person.groups))
    }

    /// The date the next review is due.
    public var nextReview: CalendarDate { lastReviewed.adding(days: reviewEveryDays) }

    /// Whether the review is overdue on `date`.
    public func isReviewOverdue(on date: CalendarDate) -> Bool { date > nextReview }
}
