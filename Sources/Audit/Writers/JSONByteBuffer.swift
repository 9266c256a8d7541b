import HandbookContent

/// JSON text built as UTF-8 bytes: what a report writer uses for the parts it repeats by the
/// million (findings), where appending to a `String` piece by piece costs more than the content.
struct JSONByteBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// The text so far.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `text` as it is (JSON syntax, indentation).
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as it is.
    mutating func append(raw text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends `n` in decimal.
    mutating func append(_ n: Int) {
        if n < 0 {
            append(raw: String(n))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, on the stack
        withUnsafeMutableBytes(of: &digits) { buffer in
            var value = n, index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                value /= 10
            } while value > 0
            bytes.append(contentsOf: buffer[index...])
        }
    }

    /// Appends `text` as a JSON string literal, escaped as ``JSONValue/quote(_:into:)`` escapes it.
    mutating func quote(_ text: String) {
        JSONStringLiteral.append(text, to: &bytes)
    }
}
