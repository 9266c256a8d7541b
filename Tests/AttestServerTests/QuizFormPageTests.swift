import Hummingbird
import Testing

@testable import AttestServer

/// The built quiz page, split once where each response gets its form token and its order of options.
@Suite struct QuizFormPageTests {
    /// A stable pseudo-random sequence, so that every run shuffles alike.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    @Test func splitsAroundTheTokenAndTheOptionsAndLeavesTheMarksOut() throws {
        let form = try #require(QuizFormPage(Array(ServerFixture.quizPage.utf8)))
        #expect(form.quizID == ServerFixture.quizID)
        let optionLists = form.parts.compactMap { part -> Int? in
            if case .options(let options) = part { return options.count }
            return nil
        }
        #expect(optionLists == [2, 3])
        let asBuilt = String(buffer: form.render(token: "T0KEN"))
        let expected = ServerFixture.quizPage
            .replacingOccurrences(of: #"name="csrf_token" value="""#, with: #"name="csrf_token" value="T0KEN""#)
            .replacingOccurrences(of: "<!--attest:options-->\n", with: "")
            .replacingOccurrences(of: "<!--attest:option-->", with: "")
            .replacingOccurrences(of: "<!--/attest:options-->\n", with: "")
        #expect(asBuilt == expected)
    }

    @Test func shufflesEachQuestionWithinItself() throws {
        let form = try #require(QuizFormPage(Array(ServerFixture.quizPage.utf8)))
        var seen: Set<String> = []
        var generator = SplitMix64(state: 7)
        for _ in 0..<200 {
            let page = String(buffer: form.render(token: "t", shufflingWith: &generator))
            let order = QuizFormTests.optionOrder(page)
            #expect(order["q1"]?.sorted() == ["a", "b"])
            #expect(order["q2"]?.sorted() == ["a", "b", "c"])
            // Each question's options stay inside its own fieldset.
            let first = try #require(page.range(of: "</fieldset>"))
            #expect(!page[..<first.lowerBound].contains(#"name="q2""#))
            seen.insert((order["q1"] ?? []).joined() + "|" + (order["q2"] ?? []).joined())
        }
        #expect(seen.count == 12, "2 × 6 orders expected: \(seen.sorted())")
    }

    @Test func pagesWithoutAFormOrWithBrokenMarks() throws {
        #expect(QuizFormPage(Array("<p>no form here</p>".utf8)) == nil)
        // A list never closed is served as built.
        let unclosed = #"<input type="hidden" name="csrf_token" value=""><!--attest:options--><!--attest:option-->a"#
        let form = try #require(QuizFormPage(Array(unclosed.utf8)))
        #expect(form.quizID == nil)
        #expect(
            String(buffer: form.render(token: "x"))
                == #"<input type="hidden" name="csrf_token" value="x"><!--attest:options--><!--attest:option-->a"#)
    }
}
