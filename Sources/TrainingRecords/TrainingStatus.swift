import HandbookContent

/// Everyone's training standing on a date: the output of ``TrainingStatus/compute(quizzes:policies:roster:records:asOf:)``.
///
/// CONTRACT (placeholder until the training-records work lands).
public struct TrainingStatus: Hashable, Sendable {
    public var asOf: CalendarDate
    /// Active people × the quizzes whose audience includes them, sorted by email then quiz id.
    public var requirements: [TrainingRequirement]

    public init(asOf: CalendarDate, requirements: [TrainingRequirement]) {
        self.asOf = asOf
        self.requirements = requirements
    }

    /// Computes who stands where on `asOf` from the records.
    public static func compute(
        quizzes: [Quiz], policies: [Policy], roster: Roster, records: [AttemptRecord], asOf: CalendarDate
    ) -> TrainingStatus {
        TrainingStatus(asOf: asOf, requirements: [])
    }

    /// Whether `email` holds a current pass of `quizID` on the status date.
    public func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        requirements.contains { $0.person.email == email.lowercased() && $0.quizID == quizID && $0.state.isCurrentPass }
    }
}
