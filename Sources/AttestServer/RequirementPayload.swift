import TrainingRecords

/// One person × required quiz in the JSON API.
struct RequirementPayload: Encodable, Sendable {
    var person: String
    var name: String
    var team: String
    var quiz: String
    var quizTitle: String
    /// `current`, `due_soon`, `overdue` or `never_done`.
    var state: String
    var lastPassed: String?
    var expires: String?
    var due: String?

    init(_ requirement: TrainingRequirement, quizTitle: String) {
        person = requirement.person.email
        name = requirement.person.name
        team = requirement.person.team
        quiz = requirement.quizID
        self.quizTitle = quizTitle
        state = requirement.state.rawValue
        lastPassed = requirement.lastPassed?.description
        expires = requirement.expires?.description
        due = requirement.due?.description
    }

    enum CodingKeys: String, CodingKey {
        case person, name, team, quiz, state, expires, due
        case quizTitle = "quiz_title"
        case lastPassed = "last_passed"
    }
}
