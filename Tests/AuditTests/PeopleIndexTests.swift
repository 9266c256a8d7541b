import Testing

@testable import Audit

@Suite struct PeopleIndexTests {
    @Test func standingAndPassesAreFoundByEmail() {
        let index = PeopleIndex(
            people: [("ana@example.com", true), ("bo@example.com", false)],
            passes: [("ana@example.com", "keys"), ("ana@example.com", "sharing"), ("cy@example.com", "keys")])
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
            people: [("ana@example.com", true)],
            passes: quizzes.map { (email: "ana@example.com", quizID: $0) } + [
                (email: "bo@example.com", quizID: "quiz-69")
            ])
        for quiz in quizzes { #expect(index.hasCurrentPass("ana@example.com", quizID: quiz)) }
        #expect(index.hasCurrentPass("bo@example.com", quizID: "quiz-69"))
        #expect(!index.hasCurrentPass("bo@example.com", quizID: "quiz-68"))
    }

    @Test func emailsAreComparedWholeNotByPrefixOrHash() {
        // 16 bytes and more are hashed eight at a time: these differ only in their last byte.
        let index = PeopleIndex(
            people: [("someone.long@example.com", true), ("someone.long@example.org", false)], passes: [])
        #expect(index.isActive("someone.long@example.com") == true)
        #expect(index.isActive("someone.long@example.org") == false)
        #expect(index.isActive("someone.long@example.net") == nil)
        #expect(index.isActive("someone.long@example.co") == nil)
        #expect(index.isActive("") == nil)
    }
}
