import HandbookContent

/// Reads the records of a run of CSV bytes (a whole block of records) into a reused
/// ``InventoryRow``, through ``CSVScanner``: the grammar ``CSVReader`` reads, without a string
/// per field.
struct CSVRowScanner: Sendable {
    private let bytes: [UInt8]
    private var scanner: CSVScanner

    /// Reads `bytes`, which start the file when `startsInput` (only there is a byte-order mark skipped).
    init(bytes: [UInt8], startsInput: Bool) {
        self.bytes = bytes
        scanner = CSVScanner(startsInput: startsInput, endsInput: true)
    }

    /// Reads the next record into `row` (its line relative to these bytes); false at the end.
    mutating func next(into row: inout InventoryRow) throws(CSVError) -> Bool {
        row.removeAll()
        var scanner = self.scanner
        let result = bytes.withUnsafeBufferPointer { input in
            Result { () throws(CSVError) -> Bool in
                guard case .record(let range, let line) = try scanner.next(in: input, into: &row) else { return false }
                row.finishRecord(range, of: input, line: line)
                return true
            }
        }
        self.scanner = scanner
        return try result.get()
    }
}
