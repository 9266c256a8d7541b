/// One record of a CSV file.
public struct CSVRecord: Hashable, Sendable {
    /// The fields, unquoted.
    public var fields: [String]
    /// 1-based line where the record starts (a quoted field may span lines).
    public var line: Int
    /// 1-based byte column where each field starts on its line (empty when not known).
    public var fieldColumns: [Int]
    /// 1-based line where each field starts: after a quoted field spanning lines, a later line
    /// than the record's (empty when not known).
    public var fieldLines: [Int]

    public init(fields: [String], line: Int, fieldColumns: [Int] = [], fieldLines: [Int] = []) {
        self.fields = fields
        self.line = line
        self.fieldColumns = fieldColumns
        self.fieldLines = fieldLines
    }

    /// The column where field `index` starts, 1 when not known.
    public func column(ofField index: Int) -> Int {
        fieldColumns.indices.contains(index) ? fieldColumns[index] : 1
    }

    /// The line where field `index` starts, the record's line when not known.
    public func line(ofField index: Int) -> Int {
        fieldLines.indices.contains(index) ? fieldLines[index] : line
    }
}
