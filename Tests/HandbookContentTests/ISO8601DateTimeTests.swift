import HandbookContent
import Testing

@Suite struct ISO8601DateTimeTests {
    /// Text, its UTC date, and its milliseconds since 1970 (2026-11-27T00:00Z is 1,795,737,600,000).
    static let valid: [(String, String, Int64)] = [
        ("2026-11-27", "2026-11-27", 1_795_737_600_000),
        ("2026-11-27T10:20:30.456Z", "2026-11-27", 1_795_774_830_456),
        ("2026-11-27t10:20Z", "2026-11-27", 1_795_774_800_000),
        ("2026-11-27 23:30:00-01:00", "2026-11-28", 1_795_825_800_000),
        ("2026-11-27T00:30:00+0100", "2026-11-26", 1_795_735_800_000),
        ("2026-11-27T00:30:00.1234567+01", "2026-11-26", 1_795_735_800_123),
    ]

    @Test(arguments: valid)
    func partsGiveTheUTCDateAndInstant(text: String, utcDate: String, milliseconds: Int64) throws {
        let parsed = try #require(ISO8601DateTime(parsing: text))
        #expect(parsed.utcDate.description == utcDate)
        #expect(parsed.millisecondsSince1970 == milliseconds)
        #expect(CalendarDate(parsing: text)?.description == utcDate)
    }

    @Test(arguments: [
        "", "2026-11-2", "2026-13-01", "2026-02-30", "2026/11/27", "2026-11-27T", "2026-11-27T24:00Z",
        "2026-11-27T10:60Z", "2026-11-27T10:00:61Z", "2026-11-27T10:00:00.Z", "2026-11-27T10:00Zx",
        "2026-11-27T10:00+24:00", "2026-11-27T10:00+01:60", "2026-11-27T10:00+1", "2026-11-27X10:00",
    ])
    func malformedTextIsRefused(text: String) {
        #expect(ISO8601DateTime(parsing: text) == nil)
        #expect(CalendarDate(parsing: text) == nil)
    }
}
