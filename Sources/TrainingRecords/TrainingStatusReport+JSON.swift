extension TrainingStatusReport {
    /// `{"as_of", "requirements": [{email, name, team, quiz, state, last_passed, expires, due,
    /// requirement (quiz|acceptance), policy, policy_version}],
    /// "teams": [{team, required, completed, percent}]}`; missing dates are null.
    static func json(_ status: TrainingStatus) -> String {
        func date(_ value: String?) -> CanonicalJSON.Value { value.map { .string($0) } ?? .null }
        let requirements: [CanonicalJSON.Value] = status.requirements.map { requirement in
            .object([
                "email": .string(requirement.person.email), "name": .string(requirement.person.name),
                "team": .string(requirement.person.team), "quiz": .string(requirement.quizID),
                "state": .string(requirement.state.rawValue),
                "last_passed": date(requirement.lastPassed?.description),
                "expires": date(requirement.expires?.description), "due": date(requirement.due?.description),
                "requirement": .string(requirement.kind.rawValue), "policy": .string(requirement.policyID),
                "policy_version": .string(requirement.policyVersion),
            ])
        }
        let teams: [CanonicalJSON.Value] = status.teamCompletion.map { team in
            .object([
                "team": .string(team.team), "required": .integer(Int64(team.required)),
                "completed": .integer(Int64(team.completed)), "percent": .integer(Int64(team.percent)),
            ])
        }
        let document = CanonicalJSON.Value.object([
            "as_of": .string(status.asOf.description), "requirements": .array(requirements), "teams": .array(teams),
        ])
        return CanonicalJSON.serialize(document) + "\n"
    }
}
