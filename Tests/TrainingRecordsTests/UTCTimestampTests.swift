import HandbookContent
import Testing
import TrainingRecords

@Suite struct UTCTimestampTests {
    @Test(arguments: [
        ("2026-01-03", "2026-01-03T00:00:00.000Z"),
        ("2026-01-03T10:00Z", "2026-01-03T10:00:00.000Z"),
        ("2026-01-03T10:00:05.5Z", "2026-01-03T10:00:05.500Z"),
        ("2026-01-03T10:00:05.123456Z", "2026-01-03T10:00:05.123Z"),
        ("2026-01-03T01:30:00+02:00", "2026-01-02T23:30:00.000Z"),
        ("2026-01-03T23:30:00-0100", "2026-01-04T00:30:00.000Z"),
        ("2026-01-03 12:00:00", "2026-01-03T12:00:00.000Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
    ])
    func parsesAndWritesUTC(input: String, expected: String) throws {
        let timestamp = try #require(UTCTimestamp(parsing: input))
        #expect(timestamp.iso8601 == expected)
        #expect(UTCTimestamp(parsing: timestamp.iso8601) == timestamp)
    }

    @Test(arguments: [
        "", "2026-13-01", "2026-02-30", "2026-01-03T25:00Z", "2026-01-03T10:00:00Q", "yesterday", "2026-01-03T10",
    ])
    func rejects(input: String) {
        #expect(UTCTimestamp(parsing: input) == nil)
    }

    @Test func dateIsTheUTCDay() {
        #expect(UTCTimestamp(parsing: "2026-03-01T00:30:00+01:00")?.date == CalendarDate(parsing: "2026-02-28"))
    }
}
