import TrainingRecords

extension ServerPages {
    /// One row per person reminded (from the reminder ledger): when they were last reminded, at
    /// which stage and how, and whether a later message failed or is unconfirmed. Sorted by email.
    static func lastReminderRows(_ log: [ReminderLogEntry]) -> [[String: Any]] {
        var latestSent: [String: ReminderLogEntry] = [:]
        var latestProblem: [String: ReminderLogEntry] = [:]
        for entry in log {
            switch entry.state {
            case .sent:
                if (latestSent[entry.recipient]?.finishedAt ?? "") <= (entry.finishedAt ?? "") {
                    latestSent[entry.recipient] = entry
                }
            case .failed, .sending:
                if (latestProblem[entry.recipient]?.claimedAt ?? "") <= entry.claimedAt {
                    latestProblem[entry.recipient] = entry
                }
            }
        }
        let people = Set(latestSent.keys).union(latestProblem.keys).sorted()
        return people.map { email in
            var row: [String: Any] = ["person": email]
            if let sent = latestSent[email] {
                row["lastReminded"] = sent.finishedAt ?? sent.claimedAt
                row["stage"] = sent.stage
                row["channel"] = sent.channel
            }
            if let problem = latestProblem[email], problem.claimedAt >= (latestSent[email]?.claimedAt ?? "") {
                row["problem"] =
                    problem.state == .failed
                    ? "failed at \(problem.finishedAt ?? problem.claimedAt) (\(problem.stage), \(problem.channel)); retried by the next run"
                    : "claimed at \(problem.claimedAt) (\(problem.stage), \(problem.channel)), not confirmed sent"
            }
            return row
        }
    }

    /// The admin page's reminders table (a partial of `training-status`).
    static let trainingRemindersTemplate = """
        {{#hasReminders}}
        <h2>Reminders</h2>
        <table class="reminders">
        <thead><tr><th scope="col">Person</th><th scope="col">Last reminded</th><th scope="col">Stage</th><th scope="col">By</th><th scope="col">Note</th></tr></thead>
        <tbody>
        {{#reminders}}<tr><td>{{person}}</td><td>{{lastReminded}}</td><td>{{stage}}</td><td>{{channel}}</td><td>{{problem}}</td></tr>
        {{/reminders}}
        </tbody>
        </table>
        {{/hasReminders}}
        """
}
