/// A date or date-time as ISO 8601 writes it, taken apart: `YYYY-MM-DD`, optionally followed by
/// `THH:MM[:SS[.fff…]]` and a zone (`Z`, `±HH`, `±HHMM`, `±HH:MM`; none means UTC). `t` or a space may
/// stand for `T`. The one parser behind ``CalendarDate/init(utf8:)`` (inventory dates, compared as
/// UTC dates) and the training records' timestamps (to the millisecond).
public struct ISO8601DateTime: Sendable, Equatable {
    /// The calendar date as written, in its own zone.
    public var date: CalendarDate
    public var hour = 0
    public var minute = 0
    /// 0…60 (a leap second is accepted).
    public var second = 0
    /// The first three digits of the fraction of a second.
    public var millisecond = 0
    /// The zone's offset from UTC in minutes (east positive).
    public var offsetMinutes = 0

    /// Parses `bytes`; nil unless all of them are one date or date-time.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes, 0, 4), let month = Self.number(bytes, 5, 2),
            let day = Self.number(bytes, 8, 2), let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        self.date = date
        if bytes.count == 10 { return }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]), bytes.count >= 16,
            let hour = Self.number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
            let minute = Self.number(bytes, 14, 2), hour < 24, minute < 60
        else { return nil }
        self.hour = hour
        self.minute = minute
        var index = 16
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let second = Self.number(bytes, index + 1, 2), second < 61 else { return nil }
            self.second = second
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
                millisecond = fraction
            }
        }
        if index == bytes.count { return }  // no zone: taken as UTC
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") {
            guard index + 1 == bytes.count else { return nil }
            return
        }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
            let hours = Self.number(bytes, index + 1, 2), hours < 24
        else { return nil }
        var minutes = 0
        if index + 3 == bytes.count {
        } else if index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
            let m = Self.number(bytes, index + 4, 2), m < 60
        {
            minutes = m
        } else if index + 5 == bytes.count, let m = Self.number(bytes, index + 3, 2), m < 60 {
            minutes = m
        } else {
            return nil
        }
        offsetMinutes = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
    }

    /// Parses `text` as ``init(utf8:)`` parses bytes.
    public init?(parsing text: some StringProtocol) {
        var text = String(text)
        guard let parsed = text.withUTF8({ ISO8601DateTime(utf8: $0) }) else { return nil }
        self = parsed
    }

    /// The date in UTC: the written date moved a day when the zone's offset crosses midnight.
    public var utcDate: CalendarDate {
        let minutesOfDay = hour * 60 + minute - offsetMinutes
        return date.adding(days: minutesOfDay < 0 ? -1 : (minutesOfDay >= 1440 ? 1 : 0))
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSince1970: Int64 {
        let ofDay = ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millisecond
        return Int64(date.daysSinceEpoch) * 86_400_000 + Int64(ofDay)
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
}
