/// The body of `POST /api/v1/attempts`: `{"quiz": ID, "answers": {"1": ["b"], "2": ["a", "c"]}}`.
struct AttemptRequest: Decodable, Sendable {
    var quiz: String
    var answers: [String: [String]]
}
