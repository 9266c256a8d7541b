/// A quiz question: a level-2 heading, its list of options and an optional explanation.
public struct QuizQuestion: Hashable, Sendable {
    /// 1…n in source order.
    public var id: Int
    /// The heading text (plain).
    public var text: String
    /// Options in source order.
    public var options: [QuizOption]
    /// Markdown of the blockquote after the list, shown after grading.
    public var explanation: String?
    /// 1-based line of the heading.
    public var line: Int

    public init(id: Int, text: String, options: [QuizOption], explanation: String?, line: Int) {
        self.id = id
        self.text = text
        self.options = options
        self.explanation = explanation
        self.line = line
    }

    /// Several correct options: checkboxes, graded all-or-nothing.
    public var isMultipleChoice: Bool { options.filter(\.isCorrect).count > 1 }

    /// The ids of the correct options.
    public var correctOptionIDs: Set<String> { Set(options.filter(\.isCorrect).map(\.id)) }
}
