/// A streaming RFC 4180 CSV reader over UTF-8 bytes: quoted fields, `""` escapes, LF or CRLF
/// line ends, a quoted field spanning lines. Blank lines are skipped. Works on bytes, not
/// characters, because inventories run to a million rows.
public struct CSVReader: Sendable {
    private let bytes: [UInt8]
    private var position: Int
    private var line = 1

    /// Reads `bytes`; a leading UTF-8 byte-order mark is skipped.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Reads the whole of `text`.
    public init(text: String) { self.init(bytes: Array(text.utf8)) }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"),
        carriageReturn = UInt8(ascii: "\r")

    /// The next record, or nil at the end.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        // Skip blank lines.
        while position < bytes.count, bytes[position] == Self.newline || bytes[position] == Self.carriageReturn {
            if bytes[position] == Self.newline { line += 1 }
            position += 1
        }
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        fields.reserveCapacity(24)
        var columns: [Int] = [], lines: [Int] = []
        columns.reserveCapacity(24)
        lines.reserveCapacity(24)
        var lineStart = position
        while true {
            columns.append(position - lineStart + 1)
            lines.append(line)
            if position < bytes.count, bytes[position] == Self.quote {
                // Quoted field.
                let column = position - lineStart + 1
                position += 1
                var field: [UInt8] = []
                var closed = false
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == Self.quote {
                        if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                            field.append(Self.quote)
                            position += 2
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    if byte == Self.newline {
                        line += 1
                        lineStart = position + 1
                    }
                    field.append(byte)
                    position += 1
                }
                guard closed else {
                    throw CSVError(line: startLine, column: column, message: "unterminated quoted field")
                }
                fields.append(String(decoding: field, as: UTF8.self))
                if position < bytes.count, bytes[position] != Self.comma, bytes[position] != Self.newline,
                    bytes[position] != Self.carriageReturn
                {
                    throw CSVError(
                        line: line, column: position - lineStart + 1,
                        message: "unexpected character after a closing quote")
                }
            } else {
                let start = position
                while position < bytes.count, bytes[position] != Self.comma, bytes[position] != Self.newline,
                    bytes[position] != Self.carriageReturn
                {
                    position += 1
                }
                fields.append(
                    bytes.withUnsafeBufferPointer {
                        String(decoding: UnsafeBufferPointer(rebasing: $0[start..<position]), as: UTF8.self)
                    })
            }
            // After a field: comma, line end or end of input.
            if position >= bytes.count { break }
            if bytes[position] == Self.comma {
                position += 1
                continue
            }
            if bytes[position] == Self.carriageReturn { position += 1 }
            if position < bytes.count, bytes[position] == Self.newline {
                position += 1
                line += 1
            }
            break
        }
        return CSVRecord(fields: fields, line: startLine, fieldColumns: columns, fieldLines: lines)
    }

    /// Every remaining record.
    public mutating func readAll() throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }
}
