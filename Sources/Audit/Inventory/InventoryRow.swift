import HandbookContent

/// One inventory record as bytes: the unquoted fields laid end to end in one buffer, so that a
/// million rows are decoded without making a string per field. A reader reuses one row for every
/// record (``removeAll()`` keeps the storage).
struct InventoryRow: Sendable {
    /// The fields' UTF-8 bytes: a CSV record as it is in the file, then the unquoted text of its
    /// quoted fields.
    private(set) var bytes: [UInt8] = []
    /// Where each field starts and ends in ``bytes``.
    private var starts: [Int] = []
    private var ends: [Int] = []
    /// While a record is read: the text of its quoted fields, and which fields they are.
    private var quoted: [UInt8] = []
    private var quotedFields: [Int] = []
    /// The 1-based line where the record starts.
    var line = 1

    init() {
        bytes.reserveCapacity(512)
        starts.reserveCapacity(32)
        ends.reserveCapacity(32)
    }

    /// A row of `fields` (JSON and YAML objects, tests).
    init(fields: [String], line: Int = 1) {
        self.init()
        self.line = line
        for field in fields { append(field.utf8) }
    }

    var count: Int { starts.count }

    /// The bytes of field `index`.
    func range(ofField index: Int) -> Range<Int> { starts[index]..<ends[index] }

    /// Field `index` as text.
    func string(_ index: Int) -> String { String(decoding: bytes[range(ofField: index)], as: UTF8.self) }

    /// Calls `body` with views of the row's fields, laid out as `columns`.
    func withFieldBytes<Result>(columns: InventoryColumns, _ body: (InventoryFieldBytes) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                ends.withUnsafeBufferPointer { ends in
                    body(InventoryFieldBytes(buffer: buffer, starts: starts, ends: ends, columns: columns))
                }
            }
        }
    }

    /// Every field as text.
    var fields: [String] { (0..<count).map(string) }

    /// The row as a ``CSVRecord`` (headers, credential reports).
    var record: CSVRecord { CSVRecord(fields: fields, line: line) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
        quotedFields.removeAll(keepingCapacity: true)
    }

    /// Adds a field.
    mutating func append(_ field: some Sequence<UInt8>) {
        starts.append(bytes.count)
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
    }

    // Reading a CSV record: the fields are given as they are found, the record's bytes at the end
    // (one copy for the whole record, not one per field).

    /// Adds an unquoted field: `range` of the record's bytes.
    mutating func addRecordField(_ range: Range<Int>) {
        starts.append(range.lowerBound)
        ends.append(range.upperBound)
    }

    /// Where the next quoted field's text starts.
    var quotedTextCount: Int { quoted.count }

    /// Adds text to the quoted field being read.
    mutating func addQuotedText(_ part: UnsafeBufferPointer<UInt8>) { quoted.append(contentsOf: part) }

    mutating func addQuotedText(_ byte: UInt8) { quoted.append(byte) }

    /// Adds the quoted field whose text started at `start` (a ``quotedTextCount``).
    mutating func endQuotedField(from start: Int) {
        quotedFields.append(starts.count)
        starts.append(start)
        ends.append(quoted.count)
    }

    /// Ends the record read from `record` (its bytes in the file).
    mutating func finishRecord(_ record: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: record)
        guard !quotedFields.isEmpty else { return }
        let offset = bytes.count
        bytes.append(contentsOf: quoted)
        for index in quotedFields {
            starts[index] += offset
            ends[index] += offset
        }
    }

    /// The 1-based column where field `index` starts, assuming fields that hold a quote, comma or
    /// line break were quoted (the row keeps no byte offsets of the file), as ``CSVRecord`` columns
    /// are estimated for diagnostics.
    func column(ofField index: Int) -> Int {
        var column = 1
        for field in 0..<min(index, count) {
            let slice = bytes[range(ofField: field)]
            column += slice.count + 1
            if slice.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) {
                column += 2 + slice.filter { $0 == 0x22 }.count
            }
        }
        return column
    }
}
