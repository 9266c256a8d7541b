/// What receives the fields a ``CSVScanner`` reads, in order. Ranges are byte offsets into the
/// input buffer given with them; positions are 1-based, the column counted in bytes.
///
/// ``CSVReader`` makes strings of them, the audit's row reader lays them out in one buffer, and
/// the audit's block splitter (which only needs record boundaries) ignores them.
public protocol CSVFieldSink {
    /// An unquoted field: `range` of `input`, as it stands (a `"` in it is a literal quote).
    mutating func unquotedField(_ range: Range<Int>, of input: UnsafeBufferPointer<UInt8>, line: Int, column: Int)
    /// A run of a quoted field's text: `range` of `input`. A doubled quote ends a run with one `"`.
    mutating func quotedText(_ range: Range<Int>, of input: UnsafeBufferPointer<UInt8>)
    /// The end of the quoted field whose runs were given since the last field; it opened at
    /// `line`, `column`.
    mutating func endQuotedField(line: Int, column: Int)
}
