import HandbookContent

/// The columns of an import file (`attest training import`) as its header names them, and its rows
/// read one at a time with every problem located at its line and column: what the completion and
/// the acceptance readers share.
struct ImportTable {
    let path: String
    let header: CSVRecord
    private let position: [String: Int]

    /// Reads the header: each name one of `known` (case and surrounding spaces aside; `expected`
    /// says what is, in the message of an unknown one), none twice, every one of `required` there.
    /// Nil and the header's errors when it is not usable.
    static func read(
        header: CSVRecord, path: String, known: [String], required: [String], expected: String
    ) -> (table: ImportTable?, diagnostics: [Diagnostic]) {
        var position: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        for (index, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            let location = SourceLocation(
                path: path, line: header.line(ofField: index), column: header.column(ofField: index))
            if !known.contains(key) {
                diagnostics.append(.error("unknown column '\(name)' (\(expected))", at: location))
            } else if position[key] != nil {
                diagnostics.append(.error("column '\(key)' appears twice", at: location))
            } else {
                position[key] = index
            }
        }
        for column in required where position[column] == nil {
            diagnostics.append(.error("missing column '\(column)'", at: SourceLocation(path: path, line: header.line)))
        }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (ImportTable(path: path, header: header, position: position), diagnostics)
    }

    /// One row: its fields by column name, and the problems found in it.
    struct Row {
        let record: CSVRecord
        let table: ImportTable
        private(set) var errors: [Diagnostic] = []

        init(record: CSVRecord, table: ImportTable) {
            self.record = record
            self.table = table
            if record.fields.count != table.header.fields.count {
                fail("expected \(table.header.fields.count) fields, found \(record.fields.count)")
            }
        }

        /// Whether the row has as many fields as the header (its fields are not read otherwise).
        var isComplete: Bool { record.fields.count == table.header.fields.count }

        /// The field of column `name`, trimmed; empty for a column the file does not have.
        func field(_ name: String) -> String {
            guard isComplete, let index = table.position[name] else { return "" }
            return record.fields[index].trimmingCharacters(in: .whitespaces)
        }

        /// Records a problem, at the field of `column` when given, else at the row's start.
        mutating func fail(_ message: String, column: String? = nil) {
            let location =
                column.flatMap { table.position[$0] }.map {
                    SourceLocation(path: table.path, line: record.line(ofField: $0), column: record.column(ofField: $0))
                } ?? SourceLocation(path: table.path, line: record.line, column: 1)
            errors.append(.error(message, at: location))
        }
    }
}
