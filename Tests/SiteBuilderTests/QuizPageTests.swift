import Foundation
import HandbookContent
import Testing

@testable import SiteBuilder

@Suite struct QuizPageTests {
    private func quizPage() async throws -> (String, SiteFixture) {
        let fixture = try SiteFixture()
        let handbook = fixture.handbook(
            policies: [SiteFixture.policy(id: "rotation", title: "Key rotation")], quizzes: [SiteFixture.quiz()])
        let result = await fixture.build(handbook)
        #expect(!result.hasErrors, "\(result.diagnostics)")
        return (try #require(fixture.read("quizzes/keys-basics/index.html")), fixture)
    }

    /// The `<label>` of the option with this value in this question.
    private func optionMarkup(_ html: String, question: String, value: String) -> String? {
        html.components(separatedBy: "\n").first { $0.contains("name=\"\(question)\" value=\"\(value)\"") }
    }

    @Test func formIsAccessibleAndPostsToTheServer() async throws {
        let (html, fixture) = try await quizPage()
        defer { fixture.cleanUp() }
        #expect(html.contains("<form class=\"quiz-form\" method=\"post\" action=\"/quizzes/keys-basics/attempt\">"))
        #expect(html.contains("<input type=\"hidden\" name=\"csrf_token\" value=\"\">"))
        #expect(html.components(separatedBy: QuizFormMarkup.csrfTokenInput).count == 2)
        #expect(
            QuizFormMarkup.csrfTokenInput(value: "a\"b")
                == "<input type=\"hidden\" name=\"csrf_token\" value=\"a&quot;b\">")
        #expect(html.components(separatedBy: "<fieldset").count == 3)
        #expect(
            html.contains("<legend><span class=\"question-number\">Question 1.</span> How old may a key get?</legend>"))
        // One correct option: radio buttons; several: checkboxes. Values a, b, c in source order.
        #expect(optionMarkup(html, question: "q1", value: "a")?.contains("type=\"radio\"") == true)
        #expect(optionMarkup(html, question: "q2", value: "c")?.contains("type=\"checkbox\"") == true)
        let q1 = ["a", "b", "c"].map { html.range(of: "name=\"q1\" value=\"\($0)\"")?.lowerBound }
        #expect(q1.allSatisfy { $0 != nil })
        #expect(q1[0]! < q1[1]! && q1[1]! < q1[2]!)
        // Linked from the policy it covers, and linking back.
        #expect(html.contains("<a href=\"../../policies/keys/rotation/index.html\">Key rotation</a>"))
    }

    @Test func pageRevealsNothingAboutTheAnswers() async throws {
        let (html, fixture) = try await quizPage()
        defer { fixture.cleanUp() }
        for leak in ["correct", "data-", "checked", "<script", "isCorrect", "The policy says 90 days"] {
            #expect(!html.contains(leak), "quiz page contains '\(leak)'")
        }
        // A correct and a wrong option differ only in their value and label text.
        let correct = try #require(optionMarkup(html, question: "q1", value: "b"))
        let wrong = try #require(optionMarkup(html, question: "q1", value: "a"))
        let normalizedCorrect = correct.replacingOccurrences(of: "value=\"b\"", with: "V").replacingOccurrences(
            of: "90 days", with: "T")
        let normalizedWrong = wrong.replacingOccurrences(of: "value=\"a\"", with: "V").replacingOccurrences(
            of: "One year", with: "T")
        #expect(normalizedCorrect == normalizedWrong)
    }

    @Test func shuffleIsDeterministicAndKeepsOptionIDs() {
        let question = SiteFixture.quiz().questions[0]
        let once = QuizOptionOrder.options(of: question, quizID: "q", shuffle: true)
        let again = QuizOptionOrder.options(of: question, quizID: "q", shuffle: true)
        #expect(once == again)
        #expect(Set(once.map(\.id)) == ["a", "b", "c"])
        #expect(QuizOptionOrder.options(of: question, quizID: "q", shuffle: false) == question.options)
        // Across many quiz ids, the shuffle does move options.
        let orders = Set(
            (0..<20).map { QuizOptionOrder.options(of: question, quizID: "quiz-\($0)", shuffle: true).map(\.id) })
        #expect(orders.count > 1)
    }

    @Test func eachQuestionsOptionsAreMarkedForTheServerToShuffle() async throws {
        let (html, fixture) = try await quizPage()
        defer { fixture.cleanUp() }
        #expect(html.components(separatedBy: QuizFormMarkup.optionsStart).count - 1 == 2)
        #expect(html.components(separatedBy: QuizFormMarkup.optionsEnd).count - 1 == 2)
        #expect(html.components(separatedBy: QuizFormMarkup.optionStart).count - 1 == 6)
        #expect(optionMarkup(html, question: "q1", value: "b")?.hasPrefix(QuizFormMarkup.optionStart) == true)
        #expect(QuizFormMarkup.missingMarks(in: html, quiz: SiteFixture.quiz(shuffle: true)) == nil)
        #expect(QuizFormMarkup.quizID(fromAction: QuizFormMarkup.action(quizID: "keys-basics")) == "keys-basics")
        #expect(QuizFormMarkup.quizID(fromAction: "/quizzes/a/b/attempt") == nil)
        #expect(QuizFormMarkup.quizID(fromAction: "/elsewhere") == nil)
    }

    /// A theme whose quiz form lacks the marks cannot publish a quiz that shuffles: the server could
    /// not give each attempt its own order.
    @Test func aThemeWithoutOptionMarksIsRefusedForAQuizThatShuffles() async throws {
        let fixture = try SiteFixture()
        defer { fixture.cleanUp() }
        let theme = fixture.root + "/plain-theme"
        try FileManager.default.copyItem(atPath: SiteFixture.templates, toPath: theme)
        let quizTemplate = theme + "/quiz.mustache"
        let text = try String(contentsOfFile: quizTemplate, encoding: .utf8)
        let unmarked = [QuizFormMarkup.optionsStart, QuizFormMarkup.optionStart, QuizFormMarkup.optionsEnd].reduce(
            text
        ) { $0.replacingOccurrences(of: $1, with: "") }
        try unmarked.write(toFile: quizTemplate, atomically: true, encoding: .utf8)
        let policies = [SiteFixture.policy(id: "rotation", title: "Key rotation")]

        let shuffled = await fixture.builder(
            fixture.handbook(policies: policies, quizzes: [SiteFixture.quiz(shuffle: true)]), templates: theme
        ).build(into: fixture.output)
        #expect(shuffled.hasErrors)
        #expect(
            shuffled.diagnostics.contains {
                $0.description.hasPrefix("error: the theme's quiz.mustache does not write <!--attest:options-->")
                    && $0.description.contains("quiz 'keys-basics'")
            }, "\(shuffled.diagnostics)")

        let fixed = await fixture.builder(
            fixture.handbook(policies: policies, quizzes: [SiteFixture.quiz(shuffle: false)]), templates: theme
        ).build(into: fixture.output)
        #expect(!fixed.hasErrors, "\(fixed.diagnostics)")
    }
}
