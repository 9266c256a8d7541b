/// The answer to `GET /api/v1/me`: who the caller is, what they must do, what they did.
struct MyTrainingPayload: Encodable, Sendable {
    var person: String
    var name: String
    var asOf: String
    var isAdmin: Bool
    var requirements: [RequirementPayload]
    /// The most recent attempts, oldest first: at most ``historyLimit`` (`training export` has them all).
    var history: [HistoryPayload]
    /// How many attempts the caller has in all.
    var historyTotal: Int

    /// How many attempts "my training" lists: its cost must not grow with a person's history.
    static let historyLimit = 100

    enum CodingKeys: String, CodingKey {
        case person, name, requirements, history
        case asOf = "as_of"
        case isAdmin = "is_admin"
        case historyTotal = "history_total"
    }
}
