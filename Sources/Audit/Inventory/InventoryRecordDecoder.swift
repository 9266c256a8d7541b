import HandbookContent

/// Turns the data records of one CSV inventory file into keys. Built once from the header, then
/// used from several threads at once.
protocol InventoryRecordDecoder: Sendable {
    /// Decodes `row` (its line already absolute in the file), calling `emit` for each key it holds;
    /// repeated values come from `interner`. Returns the row's diagnostics: errors make it a bad row.
    func decode(_ row: InventoryRow, interner: inout InventoryInterner, emit: (InventoryKey) -> Void) -> [Diagnostic]
}
