import TrainingRecords

/// The answer to `GET /api/v1/training/status` (admins): everyone's requirements and completion per team.
struct TrainingStatusPayload: Encodable, Sendable {
    struct TeamCompletion: Encodable, Sendable {
        var team: String
        var required: Int
        var current: Int
        var percent: Int
    }

    var asOf: String
    var requirements: [RequirementPayload]
    var teams: [TeamCompletion]

    enum CodingKeys: String, CodingKey {
        case requirements, teams
        case asOf = "as_of"
    }
}

extension TrainingStatusPayload {
    /// Everyone's requirements from `status`, and per team the share holding a current pass.
    init(
        _ status: TrainingStatus, quizTitles: [String: String],
        policyPages: [String: (title: String, path: String)] = [:]
    ) {
        asOf = status.asOf.description
        requirements = status.requirements.map {
            RequirementPayload($0, quizTitle: quizTitles[$0.quizID] ?? $0.quizID, policyPages: policyPages)
        }
        var byTeam: [String: (required: Int, current: Int)] = [:]
        for requirement in status.requirements {
            let team = requirement.person.team.isEmpty ? "(no team)" : requirement.person.team
            var counts = byTeam[team] ?? (0, 0)
            counts.required += 1
            if requirement.state.isCurrentPass { counts.current += 1 }
            byTeam[team] = counts
        }
        teams = byTeam.keys.sorted().map { team in
            let counts = byTeam[team] ?? (0, 0)
            return TeamCompletion(
                team: team, required: counts.required, current: counts.current,
                percent: counts.required == 0 ? 100 : counts.current * 100 / counts.required)
        }
    }
}
