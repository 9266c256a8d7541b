/// One record of a CSV file.
public struct CSVRecord: Hashable, Sendable {
    /// The fields, unquoted.
    public var fields: [String]
    /// 1-based line where the record starts (a quoted field may span lines).
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
