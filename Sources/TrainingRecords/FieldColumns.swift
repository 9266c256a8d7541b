import HandbookContent

/// Finds the column at which each field of a CSV record starts, for diagnostics: the reader gives
/// lines, not columns. Columns count characters from 1.
struct FieldColumns {
    private let bytes: [UInt8]
    /// Byte offset of the start of each line (index 0 is line 1).
    private let lineStarts: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// The column of field `index` of `record` (1 if it cannot be found).
    func column(of index: Int, in record: CSVRecord) -> Int {
        guard record.line >= 1, record.line <= lineStarts.count else { return 1 }
        let lineStart = lineStarts[record.line - 1]
        var offset = lineStart, field = 0, quoted = false
        while offset < bytes.count, field < index {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted, byte == UInt8(ascii: ",") {
                field += 1
            } else if !quoted, byte == UInt8(ascii: "\n") {
                return 1
            }
            offset += 1
        }
        guard field == index, !bytes[lineStart..<offset].contains(UInt8(ascii: "\n")) else { return 1 }
        return String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
    }
}
