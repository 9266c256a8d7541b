import HandbookContent

/// Where a requirement stands on the reminder schedule (``ReminderSettings``) on a date.
public enum ReminderStage: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// This many days (a configured `before_days` value) or fewer before the due date.
    case before(days: Int)
    /// On the due date, or overdue by less than `overdue_every_days`.
    case due
    /// Overdue by at least this many days (a multiple of `overdue_every_days`).
    case overdue(days: Int)
    /// The manager's message about reports overdue by `manager_after_days` or more.
    case manager

    /// `before-14`, `due`, `overdue-7`, `manager`: what the ledger stores and reports show.
    public var description: String {
        switch self {
        case .before(let days): "before-\(days)"
        case .due: "due"
        case .overdue(let days): "overdue-\(days)"
        case .manager: "manager"
        }
    }

    /// How urgent: later stages are more urgent.
    private var urgency: (Int, Int) {
        switch self {
        case .before(let days): (0, -days)
        case .due: (1, 0)
        case .overdue(let days): (2, days)
        case .manager: (3, 0)
        }
    }

    public static func < (a: ReminderStage, b: ReminderStage) -> Bool { a.urgency < b.urgency }

    /// The stage of a requirement due on `due` (nil: due at once, with no date) as of `asOf`, or nil
    /// when none of the schedule's stages is reached yet (or the schedule has none for it).
    public static func of(due: CalendarDate?, asOf: CalendarDate, settings: ReminderSettings) -> ReminderStage? {
        guard let due else { return settings.onDueDate ? .due : nil }
        let daysLeft = asOf.days(until: due)
        if daysLeft > 0 {
            return settings.beforeDays.last(where: { daysLeft <= $0 }).map { .before(days: $0) }
        }
        let overdue = -daysLeft
        if settings.overdueEveryDays > 0, overdue >= settings.overdueEveryDays {
            return .overdue(days: overdue / settings.overdueEveryDays * settings.overdueEveryDays)
        }
        return settings.onDueDate ? .due : nil
    }
}
