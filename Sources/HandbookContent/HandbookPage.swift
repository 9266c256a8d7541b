/// An ordinary handbook page: Markdown under `content/` outside `policies/` and `quizzes/`.
public struct HandbookPage: Hashable, Sendable {
    /// From front matter, else the first heading, else the file name.
    public var title: String
    /// Source path relative to the root, e.g. `content/guides/onboarding.md`.
    public var sourcePath: String
    /// The folder relative to `content/`, "" at the top.
    public var section: String
    /// `index.md`: its folder's landing page.
    public var isIndex: Bool
    public var draft: Bool
    /// Optional ordering weight from front matter (lower first); then by title.
    public var weight: Int?
    public var summary: String?
    public var body: String
    public var bodyStartLine: Int
    public var sourceSHA256: String

    public init(
        title: String, sourcePath: String, section: String, isIndex: Bool, draft: Bool = false, weight: Int? = nil,
        summary: String? = nil, body: String, bodyStartLine: Int = 1, sourceSHA256: String = ""
    ) {
        self.title = title
        self.sourcePath = sourcePath
        self.section = section
        self.isIndex = isIndex
        self.draft = draft
        self.weight = weight
        self.summary = summary
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.sourceSHA256 = sourceSHA256
    }
}
