import HandbookContent
import Secrets

/// Decodes the data records of a native CSV inventory, laid out by its header (any column order).
struct NativeCSVDecoder: InventoryRecordDecoder {
    let path: String
    let columns: InventoryColumns
    let redactor: SecretRedactor

    /// A decoder for the file whose header is `header` (already redacted); nil with an error when
    /// the header has no `id`. Each row's fields go through `redactor` before they are decoded.
    static func make(header: CSVRecord, path: String, redactor: SecretRedactor) -> (
        decoder: NativeCSVDecoder?, diagnostics: [Diagnostic]
    ) {
        let columns = InventoryColumns(header: header.fields)
        var diagnostics: [Diagnostic] = []
        for name in columns.repeatedNames {
            let index = columns.names.firstIndex(of: name) ?? 0
            diagnostics.append(
                .warning(
                    "column '\(name)' appears more than once; the first is used",
                    at: SourceLocation(
                        path: path, line: header.line(ofField: index), column: header.column(ofField: index))))
        }
        guard columns.index(of: .id) != nil else {
            diagnostics.append(
                .error(
                    "the header has no 'id' column; a native inventory needs at least: id (and usually type, mode, owner)",
                    at: SourceLocation(path: path, line: header.line, column: 1)))
            return (nil, diagnostics)
        }
        return (NativeCSVDecoder(path: path, columns: columns, redactor: redactor), diagnostics)
    }

    func decode(_ row: InventoryRow, interner: inout InventoryInterner, emit: (InventoryKey) -> Void)
        -> [Diagnostic]
    {
        guard row.count == columns.count else {
            return [
                .error(
                    "wrong column count: \(row.count) field\(row.count == 1 ? "" : "s"), the header has \(columns.count)",
                    at: SourceLocation(path: path, line: row.line, column: 1))
            ]
        }
        let (key, diagnostics) = InventoryRowDecoder.decode(
            row, columns: columns, redactor: redactor, interner: &interner
        ) { index in
            guard let index else { return SourceLocation(path: path, line: row.line, column: 1) }
            let position = row.position(ofField: index)
            return SourceLocation(path: path, line: position.line, column: position.column)
        }
        if let key { emit(key) }
        return diagnostics
    }
}
