import HandbookContent

/// One inventory record as bytes: the unquoted fields laid end to end in one buffer, so that a
/// million rows are decoded without making a string per field. A reader reuses one row for every
/// record (``removeAll()`` keeps the storage).
struct InventoryRow: Sendable {
    /// The fields' UTF-8 bytes, unquoted, one after the other.
    private(set) var bytes: [UInt8] = []
    /// Where each field ends in ``bytes``; field `i` starts where field `i - 1` ends.
    private(set) var ends: [Int] = []
    /// The 1-based line where the record starts.
    var line = 1

    init() {
        bytes.reserveCapacity(512)
        ends.reserveCapacity(32)
    }

    /// A row of `fields` (JSON and YAML objects, tests).
    init(fields: [String], line: Int = 1) {
        self.init()
        self.line = line
        for field in fields { append(field.utf8) }
    }

    var count: Int { ends.count }

    /// The bytes of field `index`.
    func range(ofField index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

    /// Field `index` as text.
    func string(_ index: Int) -> String { String(decoding: bytes[range(ofField: index)], as: UTF8.self) }

    /// Every field as text.
    var fields: [String] { (0..<count).map(string) }

    /// The row as a ``CSVRecord`` (headers, credential reports).
    var record: CSVRecord { CSVRecord(fields: fields, line: line) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Adds a field.
    mutating func append(_ field: some Sequence<UInt8>) {
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
    }

    /// Adds the bytes to the field being read; ``endField()`` closes it.
    mutating func appendToField(_ part: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: part) }

    mutating func appendToField(_ byte: UInt8) { bytes.append(byte) }

    mutating func endField() { ends.append(bytes.count) }

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
