import TrainingRecords

/// The answer to `POST /api/v1/attempts` (201): the stored record's summary.
struct AttemptResponse: Encodable, Sendable {
    var id: String
    var quiz: String
    var person: String
    var scorePercent: Int
    var passed: Bool
    var recordedAt: String

    init(_ record: AttemptRecord) {
        id = record.id
        quiz = record.quizID
        person = record.person
        scorePercent = record.scorePercent
        passed = record.passed
        recordedAt = record.recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, quiz, person, passed
        case scorePercent = "score_percent"
        case recordedAt = "recorded_at"
    }
}
