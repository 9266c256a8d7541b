/// One answer option of a quiz question (`- [x] …` correct, `- [ ] …` wrong).
public struct QuizOption: Hashable, Sendable {
    /// `a`, `b`, `c`… in source order.
    public var id: String
    /// The option's text as Markdown inline content.
    public var text: String
    public var isCorrect: Bool

    public init(id: String, text: String, isCorrect: Bool) {
        self.id = id
        self.text = text
        self.isCorrect = isCorrect
    }
}
