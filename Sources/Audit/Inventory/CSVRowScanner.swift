import HandbookContent

/// Reads the records of a run of CSV bytes into a reused ``InventoryRow``, with the same rules and
/// errors as ``CSVReader`` (quoted fields, `""` escapes, LF or CRLF line ends, a quoted field
/// spanning lines, blank lines skipped, a leading byte-order mark skipped), but without making a
/// string per field.
struct CSVRowScanner: Sendable {
    private let bytes: [UInt8]
    private var position: Int
    private var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"),
        carriageReturn = UInt8(ascii: "\r")

    /// Reads the next record into `row` (its line relative to these bytes); false at the end.
    mutating func next(into row: inout InventoryRow) throws(CSVError) -> Bool {
        row.removeAll()
        var position = self.position, line = self.line
        let result = bytes.withUnsafeBufferPointer { buffer in
            Self.scan(buffer, position: &position, line: &line, into: &row)
        }
        self.position = position
        self.line = line
        switch result {
        case .success(let found): return found
        case .failure(let error): throw error
        }
    }

    private static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, position: inout Int, line: inout Int, into row: inout InventoryRow
    ) -> Result<Bool, CSVError> {
        let end = bytes.count
        // Skip blank lines.
        while position < end, bytes[position] == newline || bytes[position] == carriageReturn {
            if bytes[position] == newline { line += 1 }
            position += 1
        }
        guard position < end else { return .success(false) }
        let startLine = line
        row.line = startLine
        let recordStart = position
        var lineStart = position
        while true {
            if position < end, bytes[position] == quote {
                // Quoted field.
                let column = position - lineStart + 1
                position += 1
                var closed = false
                var runStart = position
                let textStart = row.quotedTextCount
                while position < end {
                    let byte = bytes[position]
                    if byte == quote {
                        row.addQuotedText(UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                        if position + 1 < end, bytes[position + 1] == quote {
                            row.addQuotedText(quote)
                            position += 2
                            runStart = position
                            continue
                        }
                        position += 1
                        closed = true
                        break
                    }
                    if byte == newline {
                        line += 1
                        lineStart = position + 1
                    }
                    position += 1
                }
                guard closed else {
                    return .failure(CSVError(line: startLine, column: column, message: "unterminated quoted field"))
                }
                row.endQuotedField(from: textStart)
                if position < end, bytes[position] != comma, bytes[position] != newline,
                    bytes[position] != carriageReturn
                {
                    return .failure(
                        CSVError(
                            line: line, column: position - lineStart + 1,
                            message: "unexpected character after a closing quote"))
                }
            } else {
                let start = position
                while position < end {
                    let byte = bytes[position]
                    if byte == comma || byte == newline || byte == carriageReturn { break }
                    position += 1
                }
                row.addRecordField((start - recordStart)..<(position - recordStart))
            }
            // After a field: comma, line end or end of input.
            if position >= end { break }
            if bytes[position] == comma {
                position += 1
                continue
            }
            if bytes[position] == carriageReturn { position += 1 }
            if position < end, bytes[position] == newline {
                position += 1
                line += 1
            }
            break
        }
        row.finishRecord(UnsafeBufferPointer(rebasing: bytes[recordStart..<position]))
        return .success(true)
    }
}
