/// The answer to `GET /api/v1/me`: who the caller is, what they must do, what they did.
struct MyTrainingPayload: Encodable, Sendable {
    var person: String
    var name: String
    var asOf: String
    var isAdmin: Bool
    var requirements: [RequirementPayload]
    var history: [HistoryPayload]

    enum CodingKeys: String, CodingKey {
        case person, name, requirements, history
        case asOf = "as_of"
        case isAdmin = "is_admin"
    }
}
