/// A training quiz: a Markdown file under `content/quizzes/`.
public struct Quiz: Hashable, Sendable {
    public var id: String
    public var title: String
    /// Ids of the policies it covers: passing acknowledges them at their current version.
    public var policies: [String]
    /// 1…100, default 80.
    public var passPercent: Int
    /// A completion expires after this many days; default 365.
    public var validDays: Int
    /// Roster groups that must take it; empty means everyone.
    public var audience: [String]
    /// New starters must pass within this many days of their start date; default 30.
    public var dueWithinDaysOfStart: Int
    /// Show each question's options in a new random order for every attempt (the default); answers
    /// are graded and recorded by option id, whatever the order shown.
    public var shuffle: Bool
    /// What a result page reveals (explanations, right options); default ``QuizFeedback/afterPass``.
    public var feedback: QuizFeedback
    public var draft: Bool
    /// Markdown before the first question.
    public var introduction: String
    public var questions: [QuizQuestion]
    /// Source path relative to the root.
    public var sourcePath: String
    /// SHA-256 (hex) of the source file: identifies exactly which quiz was taken.
    public var contentSHA256: String

    public init(
        id: String, title: String, policies: [String], passPercent: Int = 80, validDays: Int = 365,
        audience: [String] = [], dueWithinDaysOfStart: Int = 30, shuffle: Bool = true,
        feedback: QuizFeedback = .afterPass, draft: Bool = false, introduction: String = "", questions: [QuizQuestion],
        sourcePath: String, contentSHA256: String = ""
    ) {
        self.id = id
        self.title = title
        self.policies = policies
        self.passPercent = passPercent
        self.validDays = validDays
        self.audience = audience
        self.dueWithinDaysOfStart = dueWithinDaysOfStart
        self.shuffle = shuffle
        self.feedback = feedback
        self.draft = draft
        self.introduction = introduction
        self.questions = questions
        self.sourcePath = sourcePath
        self.contentSHA256 = contentSHA256
    }

    /// Whether `person` is in this quiz's audience (everyone when the audience is empty).
    public func applies(to person: Person) -> Bool {
        audience.isEmpty || !Set(audience).isDisjoint(with: person.groups)
    }
}
