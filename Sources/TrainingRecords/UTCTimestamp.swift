import Foundation
import HandbookContent

/// An instant in UTC with millisecond precision, written `2026-11-27T18:42:04.123Z` in records.
public struct UTCTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    /// The current time.
    public static func now() -> UTCTimestamp {
        UTCTimestamp(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Midnight UTC at the start of `date`.
    public init(startOf date: CalendarDate) {
        millisecondsSince1970 = Int64(date.daysSinceEpoch) * Self.millisecondsPerDay
    }

    /// Parses `YYYY-MM-DD` (midnight UTC) or an ISO 8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fff…]]`
    /// followed by `Z`, `±HH:MM`, `±HHMM`, `±HH` or nothing (taken as UTC). Fractions beyond
    /// milliseconds are truncated. Nil for anything else.
    public init?(parsing text: some StringProtocol) {
        guard let parsed = ISO8601DateTime(parsing: text) else { return nil }
        self.init(millisecondsSince1970: parsed.millisecondsSince1970)
    }

    /// The UTC calendar date.
    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: Int(Self.floorDivide(millisecondsSince1970, Self.millisecondsPerDay)))
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public var iso8601: String {
        let dayStart = Self.floorDivide(millisecondsSince1970, Self.millisecondsPerDay) * Self.millisecondsPerDay
        let ofDay = Int(millisecondsSince1970 - dayStart)
        let hours = ofDay / 3_600_000, minutes = ofDay / 60_000 % 60, seconds = ofDay / 1000 % 60
        return
            "\(date)T\(Self.pad(hours, 2)):\(Self.pad(minutes, 2)):\(Self.pad(seconds, 2)).\(Self.pad(ofDay % 1000, 3))Z"
    }

    public var description: String { iso8601 }

    public static func < (a: UTCTimestamp, b: UTCTimestamp) -> Bool {
        a.millisecondsSince1970 < b.millisecondsSince1970
    }

    static let millisecondsPerDay: Int64 = 86_400_000

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
