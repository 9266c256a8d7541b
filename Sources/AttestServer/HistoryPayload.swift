import TrainingRecords

/// One recorded attempt in the JSON API's history.
struct HistoryPayload: Encodable, Sendable {
    var id: String
    var quiz: String
    var scorePercent: Int
    var passed: Bool
    var recordedAt: String
    var policyVersions: [String: String]

    init(_ record: AttemptRecord) {
        id = record.id
        quiz = record.quizID
        scorePercent = record.scorePercent
        passed = record.passed
        recordedAt = record.recordedAt
        policyVersions = record.policyVersions
    }

    enum CodingKeys: String, CodingKey {
        case id, quiz, passed
        case scorePercent = "score_percent"
        case recordedAt = "recorded_at"
        case policyVersions = "policy_versions"
    }
}
