import HandbookContent

/// One person × required quiz, with its dates.
public struct TrainingRequirement: Hashable, Sendable {
    public var person: Person
    public var quizID: String
    public var state: RequirementState
    /// UTC date of the latest passing attempt that still counts (nil when none).
    public var lastPassed: CalendarDate?
    /// When that pass expires (lastPassed + valid_days).
    public var expires: CalendarDate?
    /// When it is or was due: start_date + due_within_days_of_start for a first pass, else the expiry.
    public var due: CalendarDate?

    public init(
        person: Person, quizID: String, state: RequirementState, lastPassed: CalendarDate?, expires: CalendarDate?,
        due: CalendarDate?
    ) {
        self.person = person
        self.quizID = quizID
        self.state = state
        self.lastPassed = lastPassed
        self.expires = expires
        self.due = due
    }
}
