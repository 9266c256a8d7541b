import HandbookContent
import Testing
import TrainingRecords

@Suite struct CompletionImportReaderTests {
    let quizzes = [Fixtures.quiz(id: "keys", passPercent: 80)]
    let policies = [Fixtures.policy(version: "2.1")]
    let now = UTCTimestamp(parsing: "2026-06-01T00:00:00Z")!

    private func read(_ text: String) -> CompletionImport {
        CompletionImportReader.read(
            bytes: Array(text.utf8), path: "data/completions.csv", quizzes: quizzes, policies: policies, now: now)
    }

    @Test func readsGoodRows() throws {
        let result = read(
            """
            email,quiz,completed_at,score_percent,passed
            Ana@Example.com,keys,2026-01-03,90,
            bo@example.com,keys,2026-01-04T10:30:00+02:00,70,true
            cy@example.com,keys,2026-01-05,85,false

            """)
        #expect(result.diagnostics.isEmpty)
        #expect(!result.isUnusable)
        #expect(result.attempts.map(\.person) == ["ana@example.com", "bo@example.com", "cy@example.com"])
        #expect(result.attempts.map(\.passed) == [true, true, false], "empty passed follows pass_percent")
        #expect(
            result.attempts.map(\.recordedAt) == [
                "2026-01-03T00:00:00.000Z", "2026-01-04T08:30:00.000Z", "2026-01-05T00:00:00.000Z",
            ])
        let first = try #require(result.attempts.first)
        #expect(first.identitySource == "import")
        #expect(first.policyVersions == ["key-rotation": "2.1"])
        #expect(first.scorePercent == 90)
        #expect(
            first.importKey
                == CompletionImportReader.importKey(
                    email: "ana@example.com", quiz: "keys", recordedAt: "2026-01-03T00:00:00.000Z"))
        #expect(Set(result.attempts.compactMap(\.importKey)).count == 3)
    }

    @Test func reportsEveryBadRowWithLineAndColumn() {
        let result = read(
            """
            email,quiz,completed_at,score_percent
            ana@example.com,nope,2026-01-03,90
            not-an-email,keys,2026-13-40,101
            bo@example.com,keys,2026-01-03
            cy@example.com,keys,2027-01-01,50
            dy@example.com,keys,2026-01-03,ninety
            """)
        #expect(
            result.diagnostics.map(\.description) == [
                "data/completions.csv:2:17: error: unknown quiz 'nope'",
                "data/completions.csv:3:1: error: 'not-an-email' is not an email address",
                "data/completions.csv:3:19: error: completed_at '2026-13-40' is not a date (YYYY-MM-DD) or an ISO 8601 date-time",
                "data/completions.csv:3:30: error: score_percent '101' is not a whole number from 0 to 100",
                "data/completions.csv:4:1: error: expected 4 fields, found 3",
                "data/completions.csv:5:21: error: completed_at '2027-01-01' is in the future",
                "data/completions.csv:6:32: error: score_percent 'ninety' is not a whole number from 0 to 100",
            ])
        #expect(result.badLines == [2, 3, 4, 5, 6])
        #expect(result.attempts.isEmpty)
        #expect(!result.isUnusable, "bad rows can be skipped")
    }

    @Test func keepsGoodRowsBesideBadOnes() {
        let result = read(
            """
            email,quiz,completed_at,score_percent
            ana@example.com,keys,2026-01-03,90
            bad,keys,2026-01-03,90
            """)
        #expect(result.attempts.map(\.person) == ["ana@example.com"])
        #expect(result.badLines == [3])
    }

    @Test func aBadHeaderMakesTheFileUnusable() {
        let result = read("email,quiz,when,score_percent,email\nana@example.com,keys,2026-01-03,90,x\n")
        #expect(result.isUnusable)
        #expect(
            result.diagnostics.map(\.description) == [
                "data/completions.csv:1:12: error: unknown column 'when' (expected email, quiz, completed_at, score_percent, passed)",
                "data/completions.csv:1:31: error: column 'email' appears twice",
                "data/completions.csv:1:1: error: missing column 'completed_at'",
            ])
        #expect(read("").isUnusable)
        #expect(read("email,quiz\n\"unterminated").isUnusable)
    }

    @Test func quotedFieldsGetTheirColumn() {
        let result = read("email,quiz,completed_at,score_percent\n\"ana@example.com\",\"a, b\",2026-01-03,90\n")
        #expect(result.diagnostics.map(\.description) == ["data/completions.csv:2:19: error: unknown quiz 'a, b'"])
    }

    @Test func importingTheSameFileTwiceAddsNothing() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        _ = try await store.append(Fixtures.attempt(person: "zed@example.com"))
        let text = """
            email,quiz,completed_at,score_percent
            ana@example.com,keys,2026-01-03,90
            bo@example.com,keys,2026-01-04T00:00:00Z,60
            """
        let first = try await store.append(contentsOf: read(text).attempts)
        #expect(first.map(\.sequence) == [2, 3])
        // The same completions, written differently (a date-time for a date), add nothing.
        let again = try await store.append(
            contentsOf: read(text.replacingOccurrences(of: "2026-01-03,", with: "2026-01-03T00:00:00.000Z,")).attempts)
        #expect(again.isEmpty)
        #expect(try await store.count() == 3)
        #expect(try await store.verifyChain().isIntact, "imported records join the chain")
    }
}
