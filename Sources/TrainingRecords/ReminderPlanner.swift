import HandbookContent

/// Who gets which reminder: computed from ``TrainingStatus`` (the single source of who owes what),
/// the schedule and the ledger, as plain values.
public enum ReminderPlanner {
    /// The messages to send on `channel` as of the status date.
    ///
    /// - A person gets one message when any of their open requirements (not current: never done,
    ///   overdue, or due soon) reached a stage (``ReminderStage/of(due:asOf:settings:)``) that no
    ///   message on this channel sent (or being sent) before covered; it lists all their open
    ///   requirements. Inactive people, and people without a requirement, are never in the status.
    /// - A manager (roster `manager`) gets one message when a report's requirement is overdue by
    ///   `manager_after_days` or more and no manager message covered it; it lists every such
    ///   requirement of their reports. A manager who is an inactive roster person gets nothing.
    /// - Ledger entries that `failed` cover nothing: their items are planned again (retried).
    public static func plan(
        status: TrainingStatus, roster: Roster, settings: ReminderSettings, channel: String, log: [ReminderLogEntry]
    ) -> [PlannedReminder] {
        var covered: [String: Set<String>] = [:]
        for entry in log where entry.channel == channel && entry.state != .failed {
            covered[entry.recipient, default: []].formUnion(entry.items)
        }
        var plans: [PlannedReminder] = []
        var byPerson: [String: [TrainingRequirement]] = [:]
        var order: [String] = []
        for requirement in status.requirements where !(requirement.state == .current) {
            if byPerson[requirement.person.email] == nil { order.append(requirement.person.email) }
            byPerson[requirement.person.email, default: []].append(requirement)
        }
        // Managers' reports, overdue long enough.
        var escalated: [String: [TrainingRequirement]] = [:]
        for email in order {
            let open = byPerson[email]!
            let person = open[0].person
            var items: [ReminderItem] = []
            for requirement in open {
                guard let stage = ReminderStage.of(due: requirement.due, asOf: status.asOf, settings: settings) else {
                    continue
                }
                items.append(
                    ReminderItem(person: email, requirement: requirement.label, due: requirement.due, stage: stage))
                if let after = settings.managerAfterDays, requirement.state == .overdue, let due = requirement.due,
                    due.days(until: status.asOf) >= after,
                    let manager = person.manager?.lowercased(), !manager.isEmpty, manager != email
                {
                    escalated[manager, default: []].append(requirement)
                }
            }
            let seen = covered[email] ?? []
            guard let stage = items.map(\.stage).max(), items.contains(where: { !seen.contains($0.key) }) else {
                continue
            }
            plans.append(
                PlannedReminder(audience: .person, recipient: person, stage: stage, items: items, requirements: open))
        }
        for manager in escalated.keys.sorted() {
            let known = roster.person(manager)
            if let known, !known.active { continue }
            let reports = escalated[manager]!
            let items = reports.map {
                ReminderItem(person: $0.person.email, requirement: $0.label, due: $0.due, stage: .manager)
            }
            let seen = covered[manager] ?? []
            guard items.contains(where: { !seen.contains($0.key) }) else { continue }
            plans.append(
                PlannedReminder(
                    audience: .manager, recipient: known ?? Person(email: manager, name: manager), stage: .manager,
                    items: items, requirements: reports))
        }
        return plans
    }
}
