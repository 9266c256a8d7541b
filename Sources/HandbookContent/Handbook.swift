/// Everything read from a handbook's `content/`: the validated input of every job.
public struct Handbook: Sendable {
    /// The project root (the folder holding `content/` and `templates/`).
    public var root: String
    public var config: HandbookConfig
    /// Policies in source-path order; drafts only when loaded with `includeDrafts` (see ``Policy/draft``).
    public var policies: [Policy]
    public var quizzes: [Quiz]
    public var pages: [HandbookPage]
    /// Other files under content/ (images, PDFs…), relative to `content/`, copied along.
    public var assets: [String]

    public init(
        root: String, config: HandbookConfig, policies: [Policy], quizzes: [Quiz], pages: [HandbookPage],
        assets: [String]
    ) {
        self.root = root
        self.config = config
        self.policies = policies
        self.quizzes = quizzes
        self.pages = pages
        self.assets = assets
    }

    /// The policy with this id.
    public func policy(_ id: String) -> Policy? { policies.first { $0.id == id } }

    /// The quiz with this id.
    public func quiz(_ id: String) -> Quiz? { quizzes.first { $0.id == id } }

    /// Policies in force (not drafts).
    public var policiesInForce: [Policy] { policies.filter { !$0.draft } }
}
