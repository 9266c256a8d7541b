import HandbookContent

/// Turns the data records of one CSV inventory file into keys. Built once from the header, then
/// used from several threads at once.
protocol InventoryRecordDecoder: Sendable {
    /// Decodes `row` (its line already absolute in the file), calling `emit` for each key it holds;
    /// repeated values come from `interner`. Returns the row's diagnostics: errors make it a bad row.
    func decode(_ row: InventoryRow, interner: inout InventoryInterner, emit: (InventoryKey) -> Void) -> [Diagnostic]
}

extension CSVRecord {
    /// The 1-based column where field `index` starts, assuming fields that hold a quote, comma or
    /// line break were quoted (the reader keeps no byte offsets).
    func column(ofField index: Int) -> Int {
        var column = 1
        for field in fields.prefix(index) {
            column += field.utf8.count + 1
            if field.utf8.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) {
                column += 2 + field.utf8.filter { $0 == 0x22 }.count
            }
        }
        return column
    }
}
