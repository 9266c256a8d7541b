/// The outcome of grading one submission.
public struct GradeResult: Hashable, Sendable {
    /// Per question, in quiz order.
    public struct QuestionResult: Hashable, Sendable {
        public var questionID: Int
        public var selected: [String]
        public var correct: Bool
    }
    public var questions: [QuestionResult]
    /// Rounded down: 7 of 9 is 77.
    public var scorePercent: Int
    public var passed: Bool
    /// The normalized answers (question id → sorted option ids) to store.
    public var answers: [String: [String]]
}
