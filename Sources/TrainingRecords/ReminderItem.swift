import HandbookContent

/// One thing a reminder tells: a person's requirement (a quiz to pass or a policy version to accept,
/// due on a date) at a stage. A message
/// is sent when one of its items was never covered by a message sent (or being sent) before.
public struct ReminderItem: Hashable, Sendable {
    /// Whose requirement it is (for a manager's message: the report's email).
    public var person: String
    /// The requirement: a quiz id, or `accept POLICY VERSION` (``TrainingRequirement/label``).
    public var requirement: String
    public var due: CalendarDate?
    public var stage: ReminderStage

    public init(person: String, requirement: String, due: CalendarDate?, stage: ReminderStage) {
        self.person = person.lowercased()
        self.requirement = requirement
        self.due = due
        self.stage = stage
    }

    /// `person|requirement|due|stage`: what the ledger stores (emails and ids hold no `|` or line
    /// break that matters here: the key is compared whole).
    public var key: String { "\(person)|\(requirement)|\(due?.description ?? "none")|\(stage)" }
}
