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
    /// While a record is read: the text of its quoted fields, which fields they are, and where the
    /// quoted field being read starts in `quoted`.
    private var quoted: [UInt8] = []
    private var quotedFields: [Int] = []
    private var quotedFieldStart = 0
    /// The 1-based line where the record starts.
    var line = 1
    /// How many of ``bytes`` are the record as it is in the file; 0 for a row made of fields.
    private var recordLength = 0
    /// Where each field starts (lines relative to ``line``), kept when fields are replaced and
    /// the record as read is dropped (``replaceFields(_:)``).
    private var keptPositions: [(line: Int, column: Int)]?

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

    /// The row as a ``CSVRecord`` (headers, credential reports), with where each field starts.
    var record: CSVRecord {
        let positions = fieldPositions()
        return CSVRecord(
            fields: fields, line: line, fieldColumns: positions.map(\.column), fieldLines: positions.map(\.line))
    }

    mutating func removeAll() {
        recordLength = 0
        keptPositions = nil
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
        quotedFields.removeAll(keepingCapacity: true)
        quotedFieldStart = 0
    }

    /// Adds a field.
    mutating func append(_ field: some Sequence<UInt8>) {
        starts.append(bytes.count)
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
    }

    /// Ends the record read from `range` of `input` (its bytes in the file), which starts on `line`:
    /// the record's bytes are copied once, and its fields' offsets moved to point into them.
    mutating func finishRecord(_ range: Range<Int>, of input: UnsafeBufferPointer<UInt8>, line: Int) {
        self.line = line
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
        recordLength = range.count
        // Unquoted fields were given as offsets in the input, quoted ones in `quoted`.
        for index in starts.indices {
            starts[index] -= range.lowerBound
            ends[index] -= range.lowerBound
        }
        guard !quotedFields.isEmpty else { return }
        let offset = bytes.count + range.lowerBound
        bytes.append(contentsOf: quoted)
        for index in quotedFields {
            starts[index] += offset
            ends[index] += offset
        }
    }

    /// The 1-based line and byte column where field `index` starts in the file, found in the record
    /// as it was read (kept at the head of ``bytes``), as ``CSVReader`` gives them. A row made of
    /// fields has no file position: its line and column 1.
    func position(ofField index: Int) -> (line: Int, column: Int) {
        let positions = fieldPositions()
        return positions.indices.contains(index) ? positions[index] : (line, 1)
    }

    /// Where each field starts: the record read again by ``CSVReader``, which keeps positions
    /// (the scanner does not, to keep them off the path of a million rows; this is for diagnostics).
    private func fieldPositions() -> [(line: Int, column: Int)] {
        relativeFieldPositions().map { (line + $0.line - 1, $0.column) }
    }

    /// ``fieldPositions()`` with lines counted from the record's first line (1).
    private func relativeFieldPositions() -> [(line: Int, column: Int)] {
        if let keptPositions { return keptPositions }
        guard recordLength > 0 else { return [] }
        var reader = CSVReader(bytes: Array(bytes[..<recordLength]), startsInput: false)
        guard let record = try? reader.next() else { return [] }
        return Array(zip(record.fieldLines, record.fieldColumns))
    }

    /// Replaces the bytes of the fields listed (ascending indices) and drops the record as it was
    /// read, keeping each field's position in the file for diagnostics: nothing of a replaced
    /// field's old bytes stays in the row.
    mutating func replaceFields(_ replacements: [(index: Int, bytes: [UInt8])]) {
        guard !replacements.isEmpty else { return }
        let positions = relativeFieldPositions()
        var result = InventoryRow()
        result.line = line
        var next = 0
        for index in 0..<count {
            if next < replacements.count, replacements[next].index == index {
                result.append(replacements[next].bytes)
                next += 1
            } else {
                result.append(bytes[range(ofField: index)])
            }
        }
        result.keptPositions = positions
        self = result
    }
}

/// A row is read straight from the scanner: unquoted fields as offsets in the input (no copy until
/// the record ends), quoted ones unescaped into `quoted`.
extension InventoryRow: CSVFieldSink {
    mutating func unquotedField(_ range: Range<Int>, of _: UnsafeBufferPointer<UInt8>, line _: Int, column _: Int) {
        starts.append(range.lowerBound)
        ends.append(range.upperBound)
    }

    mutating func quotedText(_ range: Range<Int>, of input: UnsafeBufferPointer<UInt8>) {
        quoted.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
    }

    mutating func endQuotedField(line _: Int, column _: Int) {
        quotedFields.append(starts.count)
        starts.append(quotedFieldStart)
        ends.append(quoted.count)
        quotedFieldStart = quoted.count
    }
}
