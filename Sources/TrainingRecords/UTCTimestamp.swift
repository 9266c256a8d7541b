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
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self))
        else { return nil }
        var milliseconds = Int64(date.daysSinceEpoch) * Self.millisecondsPerDay
        if bytes.count == 10 {
            self.init(millisecondsSince1970: milliseconds)
            return
        }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
            let hour = Self.number(bytes, 11, 2), bytes.count > 13, bytes[13] == UInt8(ascii: ":"),
            let minute = Self.number(bytes, 14, 2), hour < 24, minute < 60
        else { return nil }
        milliseconds += Int64(hour * 3_600_000 + minute * 60_000)
        var index = 16
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let second = Self.number(bytes, index + 1, 2), second < 61 else { return nil }
            milliseconds += Int64(second * 1000)
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                var fraction = 0
                while index < bytes.count, (48...57).contains(bytes[index]) {
                    if index - start < 3 { fraction = fraction * 10 + Int(bytes[index] - 48) }
                    index += 1
                }
                guard index > start else { return nil }
                for _ in 0..<max(0, 3 - (index - start)) { fraction *= 10 }
                milliseconds += Int64(fraction)
            }
        }
        var offsetMinutes = 0
        if index == bytes.count {
            offsetMinutes = 0
        } else if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            guard index + 1 == bytes.count else { return nil }
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let offsetHours = Self.number(bytes, index + 1, 2), offsetHours < 24 else { return nil }
            var extraMinutes = 0
            if index + 3 == bytes.count {
            } else if index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let m = Self.number(bytes, index + 4, 2), m < 60
            {
                extraMinutes = m
            } else if index + 5 == bytes.count, let m = Self.number(bytes, index + 3, 2), m < 60 {
                extraMinutes = m
            } else {
                return nil
            }
            offsetMinutes = sign * (offsetHours * 60 + extraMinutes)
        } else {
            return nil
        }
        self.init(millisecondsSince1970: milliseconds - Int64(offsetMinutes) * 60_000)
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

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
