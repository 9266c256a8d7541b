import Crypto
import HandbookContent

/// One message a reminder run would send: to a person about their open requirements, or to a
/// manager about their reports' overdue ones. Computed by ``ReminderPlanner``.
public struct PlannedReminder: Hashable, Sendable {
    public enum Audience: String, Hashable, Sendable {
        /// The person who owes the training.
        case person
        /// A manager, about their overdue reports.
        case manager
    }

    public var audience: Audience
    /// Who receives it (a manager missing from the roster: their email as name).
    public var recipient: Person
    /// The most urgent stage among the items.
    public var stage: ReminderStage
    /// What the message covers, recorded in the ledger; sorted by key.
    public var items: [ReminderItem]
    /// The requirements the message lists: a person's every open (not current) requirement, with or
    /// without a stage yet; a manager's reports' requirements overdue past `manager_after_days`.
    /// Sorted by person, then quiz.
    public var requirements: [TrainingRequirement]

    public init(
        audience: Audience, recipient: Person, stage: ReminderStage, items: [ReminderItem],
        requirements: [TrainingRequirement]
    ) {
        self.audience = audience
        self.recipient = recipient
        self.stage = stage
        self.items = items.sorted { $0.key < $1.key }
        self.requirements = requirements
    }

    /// SHA-256 (hex) of the audience and the item keys: the same message has the same digest in
    /// every run and on every instance.
    public var digest: String {
        let text = ([audience.rawValue] + items.map(\.key)).joined(separator: "\n")
        return SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The ledger claim for sending this on `channel`.
    public func claim(channel: String) -> ReminderClaim {
        ReminderClaim(
            channel: channel, recipient: recipient.email, digest: digest, stage: stage.description,
            items: items.map(\.key))
    }
}
