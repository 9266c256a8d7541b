/// What the result page of a graded attempt reveals: a quiz's `feedback` setting.
///
/// Explanations state the right answers, so showing them after a failed attempt would make the
/// retry free: by default they are shown only once the person has passed.
public enum QuizFeedback: String, Hashable, Sendable, CaseIterable {
    /// Explanations and right options only after a passing attempt (the default); a failed attempt
    /// says which questions were wrong and nothing about the right options.
    case afterPass = "after-pass"
    /// Explanations and right options after every attempt.
    case always
    /// Never: every result page shows only which questions were right or wrong.
    case never

    /// Whether a result page, for an attempt that `passed` or not, shows the explanations and the
    /// right options.
    public func revealsAnswers(passed: Bool) -> Bool {
        switch self {
        case .afterPass: passed
        case .always: true
        case .never: false
        }
    }
}
