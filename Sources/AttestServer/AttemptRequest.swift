import TrainingRecords

/// The body of `POST /api/v1/attempts`: `{"quiz": ID, "answers": {"1": ["b"], "2": ["a", "c"]}}`.
/// Other members are ignored.
struct AttemptRequest: Sendable {
    typealias Malformed = JSONShapeReader.Malformed

    /// What is wrong with a body, in words for the client.
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    var quiz: String
    var answers: [String: [String]]

    /// Reads the body.
    init(json text: String) throws(Unreadable) {
        var quiz: String?
        var answers: [String: [String]]?
        do throws(Malformed) {
            try JSONShapeReader.read(text) { (reader: inout JSONShapeReader) throws(Malformed) in
                try reader.object { (key, reader) throws(Malformed) in
                    switch key {
                    case "quiz": quiz = try reader.string()
                    case "answers": answers = try reader.stringListMap()
                    default: try reader.skipValue()
                    }
                }
            }
        } catch {
            throw Unreadable(description: "\(error)")
        }
        guard let quiz else { throw Unreadable(description: "the field 'quiz' is missing") }
        guard let answers else { throw Unreadable(description: "the field 'answers' is missing") }
        self.quiz = quiz
        self.answers = answers
    }
}
