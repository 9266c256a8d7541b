import TrainingRecords

/// One recorded attempt (or policy acceptance, `kind`) in the JSON API's history.
struct HistoryPayload: Encodable, Sendable {
    var id: String
    /// `attempt` or `acceptance`.
    var kind: String
    var quiz: String
    var scorePercent: Int
    var passed: Bool
    var recordedAt: String
    var policyVersions: [String: String]

    init(_ record: AttemptRecord) {
        id = record.id
        kind = record.kind.rawValue
        quiz = record.quizID
        scorePercent = record.scorePercent
        passed = record.passed
        recordedAt = record.recordedAt
        policyVersions = record.policyVersions
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, quiz, passed
        case scorePercent = "score_percent"
        case recordedAt = "recorded_at"
        case policyVersions = "policy_versions"
    }
}
