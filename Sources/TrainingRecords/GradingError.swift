/// Why a submission cannot be graded. Nothing is stored for it; the server answers 400 or 422.
public enum GradingError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownQuestion(String)
    case unknownOption(question: Int, option: String)
    case missingAnswer(question: Int)
    case severalAnswersForSingleChoice(question: Int)

    public var description: String {
        switch self {
        case .unknownQuestion(let id): "unknown question '\(id)'"
        case .unknownOption(let q, let o): "question \(q) has no option '\(o)'"
        case .missingAnswer(let q): "question \(q) has no answer"
        case .severalAnswersForSingleChoice(let q): "question \(q) takes exactly one answer"
        }
    }
}
