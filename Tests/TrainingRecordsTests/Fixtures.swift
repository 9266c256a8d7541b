import Foundation
import HandbookContent
import TrainingRecords

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("attest-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

enum Fixtures {
    /// A quiz covering `policies`: question 1 single choice (b correct), question 2 multiple choice (a and c).
    static func quiz(
        id: String = "keys", policies: [String] = ["key-rotation"], passPercent: Int = 80, validDays: Int = 365,
        audience: [String] = [], dueWithinDaysOfStart: Int = 30
    ) -> Quiz {
        Quiz(
            id: id, title: "Quiz \(id)", policies: policies, passPercent: passPercent, validDays: validDays,
            audience: audience, dueWithinDaysOfStart: dueWithinDaysOfStart,
            questions: [
                QuizQuestion(
                    id: 1, text: "One?",
                    options: [
                        QuizOption(id: "a", text: "A", isCorrect: false),
                        QuizOption(id: "b", text: "B", isCorrect: true),
                        QuizOption(id: "c", text: "C", isCorrect: false),
                    ], explanation: nil, line: 5),
                QuizQuestion(
                    id: 2, text: "Two?",
                    options: [
                        QuizOption(id: "a", text: "A", isCorrect: true),
                        QuizOption(id: "b", text: "B", isCorrect: false),
                        QuizOption(id: "c", text: "C", isCorrect: true),
                    ], explanation: "Because.", line: 10),
            ], sourcePath: "content/quizzes/\(id).md", contentSHA256: String(repeating: "ab", count: 32))
    }

    static func policy(id: String = "key-rotation", version: String = "2.1", lastReviewed: String = "2026-01-10")
        -> Policy
    {
        Policy(
            id: id, title: "Policy \(id)", owner: "owner@example.com", version: PolicyVersion(version)!,
            lastReviewed: date(lastReviewed), reviewEveryDays: 365, section: "keys",
            sourcePath: "content/policies/keys/\(id).md")
    }

    static func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    static func attempt(
        person: String = "ana@example.com", quiz: String = "keys", passed: Bool = true, score: Int = 100,
        versions: [String: String] = ["key-rotation": "2.1"], recordedAt: String? = nil, importKey: String? = nil
    ) -> NewAttempt {
        NewAttempt(
            person: person, quizID: quiz, quizContentSHA256: String(repeating: "ab", count: 32),
            policyVersions: versions, answers: ["1": ["b"], "2": ["a", "c"]], scorePercent: score, passed: passed,
            identitySource: "dev", recordedAt: recordedAt, importKey: importKey)
    }

    /// An acceptance of `policy` at `version`.
    static func acceptance(
        person: String = "ana@example.com", policy: String = "key-storage", version: String = "3.1",
        recordedAt: String? = nil
    ) -> NewAttempt {
        .acceptance(
            person: person, policyID: policy, version: version, policySHA256: String(repeating: "cd", count: 32),
            identitySource: "dev", recordedAt: recordedAt)
    }

    /// A record as the store would make it, for tests that need no database.
    static func record(
        sequence: Int64, person: String = "ana@example.com", quiz: String = "keys", passed: Bool = true,
        recordedAt: String, versions: [String: String] = ["key-rotation": "2.1"], previousHash: String = ""
    ) -> AttemptRecord {
        var record = AttemptRecord(
            sequence: sequence, id: "id-\(sequence)", person: person, quizID: quiz, quizContentSHA256: "",
            policyVersions: versions, answers: [:], scorePercent: passed ? 100 : 0, passed: passed,
            recordedAt: recordedAt, identitySource: "dev", previousHash: previousHash, hash: "")
        record.hash = record.computedHash
        return record
    }
}
