/// A calendar date (proleptic Gregorian, no time zone), as used in policies, rosters and inventories.
///
/// Stored as days since 1970-01-01 so that comparisons and day arithmetic are integer operations.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// A date from its parts; nil if the parts do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Self.daysInMonth(year: year, month: month)
        else { return nil }
        daysSinceEpoch = Self.days(fromCivil: year, month, day)
    }

    /// Parses `YYYY-MM-DD`, or an ISO 8601 date-time (`2026-01-03T10:00:00Z`, with an offset or
    /// fractional seconds), taken as its UTC date. Nil for anything else.
    public init?(parsing text: some StringProtocol) {
        var text = String(text)
        guard let date = text.withUTF8({ CalendarDate(utf8: $0) }) else { return nil }
        self = date
    }

    /// Parses UTF-8 bytes as ``init(parsing:)`` parses text, without making a string: inventory
    /// readers parse dates by the million straight from the file's bytes.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes, 0, 4), let month = Self.number(bytes, 5, 2),
            let day = Self.number(bytes, 8, 2), let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        if bytes.count == 10 {
            self = date
            return
        }
        // Date-time: THH:MM[:SS[.fff]](Z|±HH:MM)
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes.count >= 16,
            let hour = Self.number(bytes, 11, 2), let minute = Self.number(bytes, 14, 2), hour < 24, minute < 60,
            bytes[13] == UInt8(ascii: ":")
        else { return nil }
        var index = 16
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let second = Self.number(bytes, index + 1, 2), second < 61 else { return nil }
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                let start = index
                while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
                guard index > start else { return nil }
            }
        }
        var offsetMinutes = 0
        if index == bytes.count {
            offsetMinutes = 0  // no zone: taken as UTC
        } else if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            guard index + 1 == bytes.count else { return nil }
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = Self.number(bytes, index + 1, 2) else { return nil }
            var om = 0
            if index + 3 == bytes.count {
            } else if index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let m = Self.number(bytes, index + 4, 2)
            {
                om = m
            } else if index + 5 == bytes.count, let m = Self.number(bytes, index + 3, 2) {
                om = m
            } else {
                return nil
            }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            return nil
        }
        let minutesOfDay = hour * 60 + minute - offsetMinutes
        let dayShift = minutesOfDay < 0 ? -1 : (minutesOfDay >= 1440 ? 1 : 0)
        self.init(daysSinceEpoch: date.daysSinceEpoch + dayShift)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = civil
        return "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))"
    }

    /// Year, month, day.
    public var civil: (year: Int, month: Int, day: Int) { Self.civil(fromDays: daysSinceEpoch) }

    /// This date moved by `days` (negative goes back).
    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The UTC date of a number of seconds since 1970-01-01T00:00:00Z.
    public init(secondsSince1970: Double) {
        self.init(daysSinceEpoch: Int((secondsSince1970 / 86_400).rounded(.down)))
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    // Codable as "YYYY-MM-DD".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date YYYY-MM-DD, got '\(text)'")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: - Arithmetic (Howard Hinnant's civil-from-days algorithms)

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
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
