/// Reads a whole CSV input into records of strings, with where each field starts: for the small
/// files (rosters, owner maps, imports, an inventory's header). The grammar is ``CSVScanner``'s.
public struct CSVReader: Sendable {
    private let bytes: [UInt8]
    private var scanner: CSVScanner

    /// Reads `bytes`; a leading UTF-8 byte-order mark is skipped when they start the input.
    public init(bytes: [UInt8], startsInput: Bool = true) {
        self.bytes = bytes
        scanner = CSVScanner(startsInput: startsInput, endsInput: true)
    }

    /// Reads the whole of `text`.
    public init(text: String) { self.init(bytes: Array(text.utf8)) }

    /// The next record, or nil at the end.
    public mutating func next() throws(CSVError) -> CSVRecord? {
        var builder = RecordBuilder()
        var scanner = self.scanner
        let result = bytes.withUnsafeBufferPointer { input in
            Result { () throws(CSVError) -> CSVScanner.Step in try scanner.next(in: input, into: &builder) }
        }
        self.scanner = scanner
        switch try result.get() {
        case .record(_, let line):
            return CSVRecord(
                fields: builder.fields, line: line, fieldColumns: builder.columns, fieldLines: builder.lines)
        case .end, .needsInput:
            return nil
        }
    }

    /// Every remaining record.
    public mutating func readAll() throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        while let record = try next() { records.append(record) }
        return records
    }

    /// Makes a record's strings from the scanner's fields.
    private struct RecordBuilder: CSVFieldSink {
        var fields: [String] = []
        var columns: [Int] = []
        var lines: [Int] = []
        /// The quoted field being read.
        var quoted: [UInt8] = []

        mutating func unquotedField(
            _ range: Range<Int>, of input: UnsafeBufferPointer<UInt8>, line: Int, column: Int
        ) {
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: input[range]), as: UTF8.self))
            columns.append(column)
            lines.append(line)
        }

        mutating func quotedText(_ range: Range<Int>, of input: UnsafeBufferPointer<UInt8>) {
            quoted.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
        }

        mutating func endQuotedField(line: Int, column: Int) {
            fields.append(String(decoding: quoted, as: UTF8.self))
            quoted.removeAll(keepingCapacity: true)
            columns.append(column)
            lines.append(line)
        }
    }
}
