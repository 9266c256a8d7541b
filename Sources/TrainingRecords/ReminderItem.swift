import HandbookContent

/// One thing a reminder tells: a person's requirement (a quiz due on a date) at a stage. A message
/// is sent when one of its items was never covered by a message sent (or being sent) before.
public struct ReminderItem: Hashable, Sendable {
    /// Whose requirement it is (for a manager's message: the report's email).
    public var person: String
    public var quizID: String
    public var due: CalendarDate?
    public var stage: ReminderStage

    public init(person: String, quizID: String, due: CalendarDate?, stage: ReminderStage) {
        self.person = person.lowercased()
        self.quizID = quizID
        self.due = due
        self.stage = stage
    }

    /// `person|quiz|due|stage`: what the ledger stores (emails and quiz ids hold no `|` or line break
    /// that matters here: the key is compared whole).
    public var key: String { "\(person)|\(quizID)|\(due?.description ?? "none")|\(stage)" }
}
