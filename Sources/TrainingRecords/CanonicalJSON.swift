/// The one JSON form Attest hashes and stores: keys sorted by Unicode code point at every level, no
/// whitespace, strings with only `"`, `\` and control characters escaped (`\b \f \n \r \t`, others as
/// lowercase `\u00XX`), everything else as raw UTF-8, integers in decimal, `true`/`false`.
///
/// It is byte for byte what Python writes with
/// `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`, so that an auditor
/// can recompute a record's hash without Attest.
public enum CanonicalJSON {
    /// A JSON value.
    public indirect enum Value: Hashable, Sendable {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        /// A JSON number literal written as given (e.g. `0.77`). Hashed records never hold one.
        case number(String)
        case array([Value])
        case object([String: Value])
        case null
    }

    /// The canonical text of `value`.
    public static func serialize(_ value: Value) -> String {
        var output = ""
        append(value, to: &output)
        return output
    }

    /// An object of strings, e.g. policy id → version.
    public static func serialize(_ map: [String: String]) -> String {
        var output = ""
        append(map, to: &output)
        return output
    }

    /// An object of string lists, e.g. question id → option ids.
    public static func serialize(_ map: [String: [String]]) -> String {
        var output = ""
        append(map, to: &output)
        return output
    }

    // The hot path of every append: objects of strings and string lists written directly, without
    // building a ``Value`` first.

    static func append(_ map: [String: String], to output: inout String) {
        output += "{"
        for (index, key) in sortedKeys(map.keys).enumerated() {
            if index > 0 { output += "," }
            appendString(key, to: &output)
            output += ":"
            appendString(map[key]!, to: &output)
        }
        output += "}"
    }

    static func append(_ map: [String: [String]], to output: inout String) {
        output += "{"
        for (index, key) in sortedKeys(map.keys).enumerated() {
            if index > 0 { output += "," }
            appendString(key, to: &output)
            output += ":["
            for (position, item) in map[key]!.enumerated() {
                if position > 0 { output += "," }
                appendString(item, to: &output)
            }
            output += "]"
        }
        output += "}"
    }

    /// The bytes that hexadecimal `text` spells (either case), nil when it is not hexadecimal.
    public static func bytes(fromHex text: String) -> [UInt8]? {
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// Lowercase hexadecimal of `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    static func append(_ value: Value, to output: inout String) {
        switch value {
        case .string(let text): appendString(text, to: &output)
        case .integer(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let literal): output += literal
        case .null: output += "null"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                append(item, to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in sortedKeys(members.keys).enumerated() {
                if index > 0 { output += "," }
                appendString(key, to: &output)
                output += ":"
                append(members[key]!, to: &output)
            }
            output += "}"
        }
    }

    /// Keys in Unicode code point order (Python's `sort_keys`), not Swift's `String` order.
    static func sortedKeys(_ keys: some Collection<String>) -> [String] {
        keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    static func appendString(_ text: String, to output: inout String) {
        output += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output += "\\\""
                case "\\": output += "\\\\"
                case "\u{08}": output += "\\b"
                case "\u{0C}": output += "\\f"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
