import Foundation
import HandbookContent
import Testing

@Suite struct QuizReaderTests {
    static let path = "content/quizzes/keys-basics.md"

    static func read(_ text: String) throws -> QuizReader.Output {
        QuizReader.read(try SourceFile(bytes: Array(text.utf8), path: path))
    }

    static let valid = """
        ---
        id: keys-basics
        title: Secret key basics
        policies: [key-storage, key-rotation]
        audience: [engineering]
        ---
        Read the **storage** policy first.

        ## Where do secret keys live?

        - [ ] In a `.env` file
        - [x] In the key-management system
        - [ ] In the wiki

        > Only the KMS holds keys:
        > one copy, **audited**.

        ## Which are fine ways to share a key?

        - [x] Through the KMS
        - [ ] By email
        - [X] Not at all,
          ask for your own

        ## How often are keys rotated?

        * [ ] Never
        * [x] Every {{ controls.KEY-ROTATION.max_age_days }} days
        """

    @Test func readsQuestionsOptionsAndExplanations() throws {
        let output = try Self.read(Self.valid)
        #expect(output.diagnostics.isEmpty)
        let quiz = try #require(output.quiz)
        #expect(quiz.id == "keys-basics")
        #expect(quiz.title == "Secret key basics")
        #expect(quiz.policies == ["key-storage", "key-rotation"])
        #expect(quiz.audience == ["engineering"])
        #expect(quiz.passPercent == 80)
        #expect(quiz.validDays == 365)
        #expect(quiz.dueWithinDaysOfStart == 30)
        // Options are shuffled per attempt, and explanations shown only after a pass, unless a quiz says otherwise.
        #expect(quiz.shuffle)
        #expect(quiz.feedback == .afterPass)
        #expect(quiz.draft == false)
        #expect(quiz.introduction == "Read the **storage** policy first.")
        #expect(quiz.contentSHA256 == SourceFile.hexDigest(Array(Self.valid.utf8)))
        #expect(quiz.sourcePath == Self.path)

        #expect(quiz.questions.map(\.id) == [1, 2, 3])
        #expect(quiz.questions.map(\.line) == [9, 18, 25])
        #expect(
            quiz.questions[0]
                == QuizQuestion(
                    id: 1, text: "Where do secret keys live?",
                    options: [
                        QuizOption(id: "a", text: "In a `.env` file", isCorrect: false),
                        QuizOption(id: "b", text: "In the key-management system", isCorrect: true),
                        QuizOption(id: "c", text: "In the wiki", isCorrect: false),
                    ], explanation: "Only the KMS holds keys:\none copy, **audited**.", line: 9))
        #expect(quiz.questions[0].isMultipleChoice == false)
        #expect(quiz.questions[1].correctOptionIDs == ["a", "c"])
        #expect(quiz.questions[1].isMultipleChoice)
        #expect(quiz.questions[1].options[2].text == "Not at all,\nask for your own")
        #expect(quiz.questions[1].explanation == nil)
        #expect(quiz.questions[2].options[1].text == "Every {{ controls.KEY-ROTATION.max_age_days }} days")
        #expect(output.policyReferences.map(\.name) == ["key-storage", "key-rotation"])
        #expect(output.policyReferences[1].location == SourceLocation(path: Self.path, line: 4, column: 25))
        #expect(
            output.audienceReferences == [
                ContentReference(name: "engineering", location: SourceLocation(path: Self.path, line: 5, column: 12))
            ])
    }

    @Test func readsSettings() throws {
        let text = Self.valid.replacingFirst(
            "audience: [engineering]",
            with:
                "audience: [engineering]\npass_percent: 100\nvalid_days: 90\ndue_within_days_of_start: 14\nshuffle: false\nfeedback: never\ndraft: true"
        )
        let quiz = try #require(try Self.read(text).quiz)
        #expect(quiz.passPercent == 100)
        #expect(quiz.validDays == 90)
        #expect(quiz.dueWithinDaysOfStart == 14)
        #expect(quiz.shuffle == false)
        #expect(quiz.feedback == .never)
        #expect(quiz.draft)
    }

    @Test(arguments: [("after-pass", QuizFeedback.afterPass), ("always", .always), ("never", .never)])
    func readsFeedback(_ text: String, _ feedback: QuizFeedback) throws {
        let output = try Self.read(Self.valid.replacingFirst("audience: [engineering]", with: "feedback: \(text)"))
        #expect(output.diagnostics.isEmpty)
        #expect(output.quiz?.feedback == feedback)
    }

    @Test(arguments: ["sometimes", "'after pass'", "true", "[always]"])
    func badFeedbackIsAnErrorAtItsValue(_ value: String) throws {
        let output = try Self.read(Self.valid.replacingFirst("audience: [engineering]", with: "feedback: \(value)"))
        #expect(output.quiz == nil)
        let described = value == "[always]" ? "a list" : "'\(value.replacingOccurrences(of: "'", with: ""))'"
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):5:11: error: 'feedback' must be after-pass, always or never, got \(described)"
            ])
    }

    @Test func feedbackRevealsAnswersAsItSays() {
        #expect(QuizFeedback.afterPass.revealsAnswers(passed: true))
        #expect(!QuizFeedback.afterPass.revealsAnswers(passed: false))
        #expect(QuizFeedback.always.revealsAnswers(passed: false))
        #expect(QuizFeedback.always.revealsAnswers(passed: true))
        #expect(!QuizFeedback.never.revealsAnswers(passed: true))
        #expect(!QuizFeedback.never.revealsAnswers(passed: false))
    }

    @Test(arguments: ["0", "101", "-5"])
    func passPercentOutOfRange(value: String) throws {
        let output = try Self.read(Self.valid.replacingFirst("audience: [engineering]", with: "pass_percent: \(value)"))
        #expect(output.quiz == nil)
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):5:15: error: 'pass_percent' must be between 1 and 100, got \(value)"
            ])
    }

    @Test func everyQuestionProblemIsReportedWithItsLine() throws {
        let text = """
            ---
            id: q
            title: Q
            policies: [p]
            ---
            ## No options here

            Some paragraph instead.

            ## Nothing correct

            - [ ] a
            - [ ] b

            ## Bad marker

            - [x] fine
            - (x) not fine
            - [y] not fine either

            ## nothing correct

            - [x] a

            ## Trailing

            - [x] a

            > why

            More text.

            ## Empty
            """
        let output = try Self.read(text)
        #expect(output.quiz == nil)
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):8:1: error: unexpected paragraph in question 1; expected the list of options ('- [x] …' correct, '- [ ] …' wrong)",
                "\(Self.path):18:1: error: an option must start with '[x] ' (correct) or '[ ] ' (wrong)",
                "\(Self.path):19:1: error: an option must start with '[x] ' (correct) or '[ ] ' (wrong)",
                "\(Self.path):31:1: error: unexpected paragraph in question 5; expected the next question ('## …')",
                "\(Self.path):6:1: error: question 'No options here' has no options; follow the heading with a list of '- [x] …' (correct) and '- [ ] …' (wrong) options",
                "\(Self.path):10:1: error: question 'Nothing correct' has no correct option; mark at least one with '- [x] …'",
                "\(Self.path):21:1: error: duplicate question 'nothing correct' (also on line 10)",
                "\(Self.path):33:1: error: question 'Empty' has no options; follow the heading with a list of '- [x] …' (correct) and '- [ ] …' (wrong) options",
            ])
    }

    @Test func aQuizNeedsQuestions() throws {
        let output = try Self.read("---\nid: q\ntitle: Q\npolicies: []\n---\nJust an introduction.\n")
        #expect(output.quiz == nil)
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):6:1: error: quiz has no questions; write each question as a level-2 heading ('## …') followed by its options"
            ])
    }

    @Test func frontMatterFieldsAreChecked() throws {
        let output = try Self.read("---\nid: Q 1\naudience: {a: b}\nshuffle: often\n---\n## A\n\n- [x] a\n")
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):2:5: error: 'id' must be a slug of lowercase letters, digits and '-', got 'Q 1'",
                "\(Self.path):2:1: error: missing required field 'title' (the quiz's title)",
                "\(Self.path):2:1: error: missing required field 'policies' (a list of policy ids)",
                "\(Self.path):3:11: error: 'audience' must be a list of roster groups, got a mapping",
                "\(Self.path):4:10: error: 'shuffle' must be true or false, got 'often'",
            ])
    }
}
