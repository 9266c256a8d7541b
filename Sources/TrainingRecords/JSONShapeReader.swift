/// A strict reader (RFC 8259) of the few JSON shapes Attest reads where speed counts: strings,
/// lists of strings, and objects of those. It reads the UTF-8 bytes in place, builds no generic
/// tree, and skips any value it is not asked for.
///
/// A record store reads a stored attempt's two JSON columns for every record an audit loads, ten
/// thousand and more, and the server reads every submitted attempt: a generic `JSONDecoder` took
/// microseconds each, most of an audit's start-up and a tenth of a submission's CPU.
public struct JSONShapeReader {
    /// Where the text stops being the expected shape, and what was expected there.
    public struct Malformed: Error, CustomStringConvertible, Equatable {
        /// The byte offset in the UTF-8 text.
        public var offset: Int
        public var expected: String
        /// The keys of the members it is in, outermost first ("answers", "1").
        public var path: [String] = []

        public var description: String {
            path.isEmpty
                ? "at byte \(offset): expected \(expected)"
                : "at byte \(offset), in '\(path.joined(separator: "."))': expected \(expected)"
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads `text` with `body`, which reads one value; only whitespace may follow it.
    public static func read<Value>(
        _ text: String, _ body: (inout JSONShapeReader) throws(Malformed) -> Value
    ) throws(Malformed) -> Value {
        var text = text
        let outcome = text.withUTF8 { utf8 -> Result<Value, Malformed> in
            var reader = JSONShapeReader(bytes: utf8)
            do throws(Malformed) {
                let value = try body(&reader)
                reader.skipWhitespace()
                guard reader.position == utf8.count else { throw reader.malformed("the end of the text") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// `{"name": "text", …}`; nil when `text` is not such an object. A repeated key keeps its last value.
    public static func strings(_ text: String) -> [String: String]? {
        try? read(text) { (reader: inout JSONShapeReader) throws(Malformed) in try reader.stringMap() }
    }

    /// `{"name": ["text", …], …}`; nil when `text` is not such an object.
    public static func stringLists(_ text: String) -> [String: [String]]? {
        try? read(text) { (reader: inout JSONShapeReader) throws(Malformed) in try reader.stringListMap() }
    }

    // MARK: - Values

    /// An object: `member` reads each member's value (or calls ``skipValue()``), in text order.
    public mutating func object(
        _ member: (_ key: String, _ reader: inout JSONShapeReader) throws(Malformed) -> Void
    ) throws(Malformed) {
        try expect(UInt8(ascii: "{"), "an object")
        if try consume(UInt8(ascii: "}")) { return }
        repeat {
            let key = try string()
            try expect(UInt8(ascii: ":"), "':'")
            do throws(Malformed) {
                try member(key, &self)
            } catch {
                var located = error
                located.path.insert(key, at: 0)
                throw located
            }
        } while try consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"), "',' or '}'")
    }

    /// `{"name": "text", …}`.
    public mutating func stringMap() throws(Malformed) -> [String: String] {
        var result: [String: String] = [:]
        try object { (key, reader) throws(Malformed) in result[key] = try reader.string() }
        return result
    }

    /// `{"name": ["text", …], …}`.
    public mutating func stringListMap() throws(Malformed) -> [String: [String]] {
        var result: [String: [String]] = [:]
        try object { (key, reader) throws(Malformed) in result[key] = try reader.stringList() }
        return result
    }

    /// `["text", …]`.
    public mutating func stringList() throws(Malformed) -> [String] {
        try expect(UInt8(ascii: "["), "a list of strings")
        var items: [String] = []
        if try consume(UInt8(ascii: "]")) { return items }
        repeat { items.append(try string()) } while try consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), "',' or ']'")
        return items
    }

    /// A string literal, unescaped.
    public mutating func string() throws(Malformed) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw malformed("the end of a string") }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw malformed("an escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"): text.append(contentsOf: try unicodeEscape())
                default:
                    position -= 1
                    throw malformed("an escape")
                }
            case ..<0x20:  // control characters must be escaped
                position -= 1
                throw malformed("an escaped control character")
            default: text.append(byte)
            }
        }
    }

    /// Reads past any one value (of a member nobody asked for).
    public mutating func skipValue() throws(Malformed) {
        skipWhitespace()
        guard position < bytes.count else { throw malformed("a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"): try object { (_, reader) throws(Malformed) in try reader.skipValue() }
        case UInt8(ascii: "["):
            position += 1
            if try consume(UInt8(ascii: "]")) { return }
            repeat { try skipValue() } while try consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"), "',' or ']'")
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    // MARK: - Bytes

    private func malformed(_ expected: String) -> Malformed {
        Malformed(offset: position, expected: expected)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count,
            bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09
        {
            position += 1
        }
    }

    /// Consumes `byte` (after whitespace) when it is next.
    private mutating func consume(_ byte: UInt8) throws(Malformed) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw malformed("the rest of the JSON") }
        guard bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ byte: UInt8, _ expected: String) throws(Malformed) {
        guard try consume(byte) else { throw malformed(expected) }
    }

    private mutating func literal(_ word: StaticString) throws(Malformed) {
        let utf8 = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard position + utf8.count <= bytes.count, bytes[position..<position + utf8.count].elementsEqual(utf8) else {
            throw malformed("a value")
        }
        position += utf8.count
    }

    /// `-? int frac? exp?` as RFC 8259 writes it.
    private mutating func number() throws(Malformed) {
        let start = position
        func digits(_ reader: inout JSONShapeReader) -> Int {
            let first = reader.position
            while reader.position < reader.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.position])
            {
                reader.position += 1
            }
            return reader.position - first
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integer = position
        let count = digits(&self)
        guard count > 0, count == 1 || bytes[integer] != UInt8(ascii: "0") else {
            position = start
            throw malformed("a value")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw malformed("a digit") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&self) > 0 else { throw malformed("a digit") }
        }
    }

    /// The UTF-8 of a `\uXXXX` escape (after `\u`), joining a surrogate pair.
    private mutating func unicodeEscape() throws(Malformed) -> [UInt8] {
        var value = try hex4()
        if (0xD800..<0xDC00).contains(value) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw malformed("the second half of a surrogate pair") }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw malformed("the second half of a surrogate pair") }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(value) {
            throw malformed("a character, not half of a surrogate pair")
        }
        guard let scalar = Unicode.Scalar(value) else { throw malformed("a character") }
        return Array(String(Character(scalar)).utf8)
    }

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard position + 4 <= bytes.count else { throw malformed("four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw malformed("four hex digits")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
