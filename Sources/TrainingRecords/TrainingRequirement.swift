import HandbookContent

/// One person × required quiz, or × policy to accept (``kind``), with its dates.
public struct TrainingRequirement: Hashable, Sendable {
    public var person: Person
    /// The quiz to pass; "" for an acceptance.
    public var quizID: String
    public var state: RequirementState
    /// UTC date of the latest passing attempt (or acceptance) that still counts (nil when none).
    public var lastPassed: CalendarDate?
    /// When that pass expires (lastPassed + valid_days); nil for an acceptance (it lasts until a new
    /// major version of the policy).
    public var expires: CalendarDate?
    /// When it is or was due: start_date + due_within_days_of_start (acknowledge_within_days) for a
    /// first pass, else the expiry, or the new major version's review date + those days.
    public var due: CalendarDate?
    /// A quiz to pass or a policy to accept.
    public var kind: RequirementKind
    /// For an acceptance: the policy to accept ("" for a quiz).
    public var policyID: String
    /// For an acceptance: the policy's current version, which a new acceptance records ("" for a quiz).
    public var policyVersion: String

    public init(
        person: Person, quizID: String, state: RequirementState, lastPassed: CalendarDate?, expires: CalendarDate?,
        due: CalendarDate?, kind: RequirementKind = .quiz, policyID: String = "", policyVersion: String = ""
    ) {
        self.person = person
        self.quizID = quizID
        self.state = state
        self.lastPassed = lastPassed
        self.expires = expires
        self.due = due
        self.kind = kind
        self.policyID = policyID
        self.policyVersion = policyVersion
    }

    /// The quiz id, or the policy id of an acceptance.
    public var subject: String { kind == .quiz ? quizID : policyID }

    /// How reports name it: the quiz id, or `accept POLICY VERSION`.
    public var label: String { kind == .quiz ? quizID : "accept \(policyID) \(policyVersion)" }
}
