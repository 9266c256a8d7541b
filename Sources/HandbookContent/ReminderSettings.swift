/// When `attest training remind` writes to people, from `reminders:` in `handbook.yml`.
///
/// A requirement that is not current (never done, lapsed, re-opened, or expiring soon) reaches a
/// stage when its due date comes near or passes: each of `beforeDays` days before it, on it, then
/// every `overdueEveryDays` days after it; after `managerAfterDays` days overdue the person's
/// manager is told once. Each stage is reminded once (see the reminder ledger).
public struct ReminderSettings: Hashable, Sendable {
    /// Days before the due date on which to remind, largest first (default 14 and 3).
    public var beforeDays: [Int]
    /// Whether to remind on the due date itself (default true).
    public var onDueDate: Bool
    /// After the due date, remind again every this many days (default 7; 0: never again).
    public var overdueEveryDays: Int
    /// After this many days overdue, the person's roster `manager` gets one message (default 14; nil: never).
    public var managerAfterDays: Int?
    /// The sender of reminder emails (required to send email).
    public var from: Mailbox?
    /// Where replies go (default: `from`).
    public var replyTo: Mailbox?

    public init(
        beforeDays: [Int] = [14, 3], onDueDate: Bool = true, overdueEveryDays: Int = 7, managerAfterDays: Int? = 14,
        from: Mailbox? = nil, replyTo: Mailbox? = nil
    ) {
        self.beforeDays = Array(Set(beforeDays)).sorted(by: >)
        self.onDueDate = onDueDate
        self.overdueEveryDays = overdueEveryDays
        self.managerAfterDays = managerAfterDays
        self.from = from
        self.replyTo = replyTo
    }

    /// The defaults, used when `handbook.yml` has no `reminders:` section.
    public static let defaults = ReminderSettings()

    /// The keys `reminders:` understands.
    public static let knownKeys = [
        "before_days", "on_due_date", "overdue_every_days", "manager_after_days", "from", "reply_to",
    ]
}
