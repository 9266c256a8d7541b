/// Parses the two JSON shapes a stored attempt holds: an object of strings (policy id → version)
/// and an object of string arrays (question id → option ids). Strict JSON (RFC 8259) for these
/// shapes, any whitespace, any escapes; nil for anything else.
///
/// A record store reads these for every record an audit loads, ten thousand and more: a generic
/// `JSONDecoder` took microseconds a record, most of an audit's start-up.
public enum StringMapJSONParser {
    /// `{"name": "text", …}`; nil when `text` is not such an object. A repeated key keeps its last value.
    public static func strings(_ text: String) -> [String: String]? {
        parse(text) { (parser: inout Parser) throws(Malformed) in try parser.string() }
    }

    /// `{"name": ["text", …], …}`; nil when `text` is not such an object.
    public static func stringLists(_ text: String) -> [String: [String]]? {
        parse(text) { (parser: inout Parser) throws(Malformed) in
            try parser.expect(UInt8(ascii: "["))
            var items: [String] = []
            if try !parser.consume(UInt8(ascii: "]")) {
                repeat { items.append(try parser.string()) } while try parser.consume(UInt8(ascii: ","))
                try parser.expect(UInt8(ascii: "]"))
            }
            return items
        }
    }

    private static func parse<Value>(_ text: String, value: (inout Parser) throws(Malformed) -> Value)
        -> [String: Value]?
    {
        var text = text
        return text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            do throws(Malformed) {
                var result: [String: Value] = [:]
                try parser.expect(UInt8(ascii: "{"))
                if try !parser.consume(UInt8(ascii: "}")) {
                    repeat {
                        let key = try parser.string()
                        try parser.expect(UInt8(ascii: ":"))
                        result[key] = try value(&parser)
                    } while try parser.consume(UInt8(ascii: ","))
                    try parser.expect(UInt8(ascii: "}"))
                }
                parser.skipWhitespace()
                return parser.position == bytes.count ? result : nil
            } catch {
                return nil
            }
        }
    }

    private struct Malformed: Error {}

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while position < bytes.count,
                bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D
                    || bytes[position] == 0x09
            {
                position += 1
            }
        }

        /// Consumes `byte` (after whitespace) when it is next.
        mutating func consume(_ byte: UInt8) throws(Malformed) -> Bool {
            skipWhitespace()
            guard position < bytes.count else { throw Malformed() }
            guard bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func expect(_ byte: UInt8) throws(Malformed) {
            guard try consume(byte) else { throw Malformed() }
        }

        /// A string literal, unescaped.
        mutating func string() throws(Malformed) -> String {
            try expect(UInt8(ascii: "\""))
            var text: [UInt8] = []
            while true {
                guard position < bytes.count else { throw Malformed() }
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard position < bytes.count else { throw Malformed() }
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
                    default: throw Malformed()
                    }
                case ..<0x20: throw Malformed()  // control characters must be escaped
                default: text.append(byte)
                }
            }
        }

        /// The UTF-8 of a `\uXXXX` escape (after `\u`), joining a surrogate pair.
        private mutating func unicodeEscape() throws(Malformed) -> [UInt8] {
            var value = try hex4()
            if (0xD800..<0xDC00).contains(value) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw Malformed() }
                position += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw Malformed() }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(value) {
                throw Malformed()
            }
            guard let scalar = Unicode.Scalar(value) else { throw Malformed() }
            return Array(String(Character(scalar)).utf8)
        }

        private mutating func hex4() throws(Malformed) -> UInt32 {
            guard position + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Malformed()
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }
    }
}
