import TrainingRecords

/// One person × required quiz, or × policy to accept, in the JSON API.
struct RequirementPayload: Encodable, Sendable {
    /// `quiz` or `acceptance`.
    var requirement: String
    /// For an acceptance: the policy, its current version, its title and page ("" for a quiz).
    var policy: String
    var policyVersion: String
    var policyTitle: String
    var policyPath: String
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

    init(
        _ requirement: TrainingRequirement, quizTitle: String,
        policyPages: [String: (title: String, path: String)] = [:]
    ) {
        self.requirement = requirement.kind.rawValue
        policy = requirement.policyID
        policyVersion = requirement.policyVersion
        let page = requirement.kind == .acceptance ? policyPages[requirement.policyID] : nil
        policyTitle = page?.title ?? (requirement.kind == .acceptance ? requirement.policyID : "")
        policyPath = page?.path ?? ""
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
        case person, name, team, quiz, state, expires, due, requirement, policy
        case policyVersion = "policy_version"
        case policyTitle = "policy_title"
        case policyPath = "policy_path"
        case quizTitle = "quiz_title"
        case lastPassed = "last_passed"
    }
}
