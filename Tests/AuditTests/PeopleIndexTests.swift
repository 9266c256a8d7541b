import Testing

@testable import Audit

@Suite struct PeopleIndexTests {
    @Test func standingAndPassesAreFoundByEmail() {
        let index = PeopleIndex(
            active: ["ana@example.com": true, "bo@example.com": false],
            passes: ["ana@example.com": ["keys", "sharing"], "cy@example.com": ["keys"]])
        #expect(index.isActive("ana@example.com") == true)
        #expect(index.isActive("bo@example.com") == false)
        #expect(index.isActive("cy@example.com") == nil)
        #expect(index.isActive("dan@example.com") == nil)
        #expect(index.hasCurrentPass("ana@example.com", quizID: "sharing"))
        #expect(index.hasCurrentPass("cy@example.com", quizID: "keys"))
        #expect(!index.hasCurrentPass("cy@example.com", quizID: "sharing"))
        #expect(!index.hasCurrentPass("bo@example.com", quizID: "keys"))
        #expect(!index.hasCurrentPass("ana@example.com", quizID: "unknown"))
    }

    @Test func passesBeyondSixtyFourQuizzesAreKept() {
        let quizzes = (0..<70).map { "quiz-\($0)" }
        let index = PeopleIndex(
            active: ["ana@example.com": true],
            passes: ["ana@example.com": Set(quizzes), "bo@example.com": ["quiz-69"]])
        for quiz in quizzes { #expect(index.hasCurrentPass("ana@example.com", quizID: quiz)) }
        #expect(index.hasCurrentPass("bo@example.com", quizID: "quiz-69"))
        #expect(!index.hasCurrentPass("bo@example.com", quizID: "quiz-68"))
    }
}
