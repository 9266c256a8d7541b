import HandbookContent
import Testing
import TrainingRecords

@Suite struct GraderTests {
    let quiz = Fixtures.quiz()

    @Test func allCorrectPasses() throws {
        let result = try Grader.grade(quiz: quiz, answers: ["1": ["b"], "2": ["c", "a"]])
        #expect(result.scorePercent == 100)
        #expect(result.passed)
        #expect(result.questions.map(\.correct) == [true, true])
        #expect(result.answers == ["1": ["b"], "2": ["a", "c"]], "answers are stored sorted")
    }

    @Test func singleChoiceWrongOption() throws {
        let result = try Grader.grade(quiz: quiz, answers: ["1": ["a"], "2": ["a", "c"]])
        #expect(result.questions.map(\.correct) == [false, true])
        #expect(result.scorePercent == 50)
        #expect(!result.passed)
    }

    @Test func multipleChoiceIsAllOrNothing() throws {
        let partial = try Grader.grade(quiz: quiz, answers: ["1": ["b"], "2": ["a"]])
        #expect(partial.questions.map(\.correct) == [true, false])
        let tooMany = try Grader.grade(quiz: quiz, answers: ["1": ["b"], "2": ["a", "b", "c"]])
        #expect(tooMany.questions.map(\.correct) == [true, false])
    }

    @Test func scoreRoundsDownAndPassMarkIsInclusive() throws {
        let three = Quiz(
            id: "three", title: "Three", policies: [], passPercent: 66,
            questions: (1...3).map { id in
                QuizQuestion(
                    id: id, text: "Q\(id)",
                    options: [
                        QuizOption(id: "a", text: "A", isCorrect: true),
                        QuizOption(id: "b", text: "B", isCorrect: false),
                    ],
                    explanation: nil, line: id)
            }, sourcePath: "content/quizzes/three.md")
        let result = try Grader.grade(quiz: three, answers: ["1": ["a"], "2": ["a"], "3": ["b"]])
        #expect(result.scorePercent == 66)
        #expect(result.passed)
    }

    @Test func unknownQuestionIsRejected() {
        #expect(throws: GradingError.unknownQuestion("3")) {
            try Grader.grade(quiz: quiz, answers: ["1": ["b"], "2": ["a", "c"], "3": ["a"]])
        }
    }

    @Test func unknownOptionIsRejected() {
        #expect(throws: GradingError.unknownOption(question: 1, option: "z")) {
            try Grader.grade(quiz: quiz, answers: ["1": ["z"], "2": ["a", "c"]])
        }
    }

    @Test func missingAnswerIsRejected() {
        #expect(throws: GradingError.missingAnswer(question: 2)) {
            try Grader.grade(quiz: quiz, answers: ["1": ["b"]])
        }
        #expect(throws: GradingError.missingAnswer(question: 2)) {
            try Grader.grade(quiz: quiz, answers: ["1": ["b"], "2": []])
        }
    }

    @Test func severalAnswersToSingleChoiceAreRejected() {
        #expect(throws: GradingError.severalAnswersForSingleChoice(question: 1)) {
            try Grader.grade(quiz: quiz, answers: ["1": ["a", "b"], "2": ["a", "c"]])
        }
    }
}
