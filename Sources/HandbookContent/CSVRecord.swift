/// One record of a CSV file.
public struct CSVRecord: Hashable, Sendable {
    /// The fields, unquoted.
    public var fields: [String]
    /// 1-based line where the record starts (a quoted field may span lines).
    public var line: Int
    /// 1-based byte column where each field starts on its line (empty when not known).
    public var fieldColumns: [Int]

    public init(fields: [String], line: Int, fieldColumns: [Int] = []) {
        self.fields = fields
        self.line = line
        self.fieldColumns = fieldColumns
    }

    /// The column where field `index` starts, 1 when not known.
    public func column(ofField index: Int) -> Int {
        fieldColumns.indices.contains(index) ? fieldColumns[index] : 1
    }
}
