extension TrainingStatusReport {
    /// One row per person × required quiz or policy to accept (`requirement` `quiz` or `acceptance`;
    /// an acceptance's row has an empty `quiz` and names `policy` and the `policy_version` to accept);
    /// `team_completion_percent` repeats the team's completion on
    /// each of its rows so that the file stays one table.
    static func csv(_ status: TrainingStatus) -> String {
        let percentByTeam = Dictionary(uniqueKeysWithValues: status.teamCompletion.map { ($0.team, $0.percent) })
        var output = CSVText.row([
            "email", "name", "team", "quiz", "state", "last_passed", "expires", "due", "team_completion_percent",
            "requirement", "policy", "policy_version",
        ])
        for requirement in status.requirements {
            output += CSVText.row([
                requirement.person.email, requirement.person.name, requirement.person.team, requirement.quizID,
                requirement.state.rawValue, requirement.lastPassed?.description ?? "",
                requirement.expires?.description ?? "", requirement.due?.description ?? "",
                String(percentByTeam[requirement.person.team] ?? 0), requirement.kind.rawValue, requirement.policyID,
                requirement.policyVersion,
            ])
        }
        return output
    }
}
