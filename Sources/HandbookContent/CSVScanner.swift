/// The one CSV grammar Attest reads, as a state machine over UTF-8 bytes. ``CSVReader`` (rosters,
/// owner maps, imports), the audit's row reader and the audit's block splitter all run it, so that
/// a file means the same whatever reads it and wherever its blocks are cut.
///
/// The grammar (README.md, "CSV grammar"):
/// - A record is fields separated by `,` and ends with LF or CRLF, or at the end of the input.
/// - A field that starts with `"` is quoted: it runs to the next `"` that is not doubled; `""`
///   inside stands for one `"`; commas, CR and LF inside are text. After the closing quote comes a
///   `,`, a line end or the end of the input.
/// - A `"` anywhere else is a literal character: `5" display,x` is the fields `5" display` and `x`.
/// - Blank lines (LF or CRLF alone) are skipped; a UTF-8 byte-order mark that starts the input is
///   skipped.
/// - Errors, each at a line and byte column: `unterminated quoted field` (at the opening quote),
///   `unexpected character after a closing quote` (at that character), and
///   `carriage return without a line feed` (at the CR; outside quotes a CR only ends a line
///   before LF).
///
/// The scanner can be fed a prefix of the input (`endsInput` false): when a record runs past the
/// bytes given, ``next(in:into:)`` answers ``Step/needsInput`` and resumes where it stopped when
/// called again with the same bytes and more after them. That is how the audit's block splitter
/// finds where records end without reading any byte twice.
public struct CSVScanner: Sendable {
    /// What one call of ``next(in:into:)`` read.
    public enum Step: Equatable, Sendable {
        /// A record: its bytes, line end included, and the line it starts on.
        case record(Range<Int>, line: Int)
        /// The input holds no more records.
        case end
        /// The bytes end inside a record, and more input follows (`endsInput` is false).
        case needsInput
    }

    @usableFromInline
    enum State: UInt8, Sendable {
        /// Before a record: blank lines are skipped.
        case recordStart
        case fieldStart
        case unquoted
        case quoted
        /// Just after a `"` inside a quoted field: a second `"` makes it text, else it closed the field.
        case quoteInQuoted
        /// After a field: `,`, a line end or the end of the input.
        case fieldEnd
    }

    @usableFromInline static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed = UInt8(ascii: "\n")
    @usableFromInline static let carriageReturn = UInt8(ascii: "\r")

    @usableFromInline var state = State.recordStart
    /// Whether the byte-order mark is still to be looked for.
    @usableFromInline var atInputStart: Bool
    /// Whether the bytes given end the input.
    @usableFromInline let endsInput: Bool
    @usableFromInline var offset = 0
    @usableFromInline var line = 1
    /// Where the current line starts (for columns).
    @usableFromInline var lineStart = 0
    @usableFromInline var recordStart = 0
    @usableFromInline var recordLine = 1
    /// An unquoted field's first byte, or the start of a quoted field's current run of text.
    @usableFromInline var fieldStart = 0
    @usableFromInline var fieldLine = 1
    @usableFromInline var fieldColumn = 1

    /// A scanner at the start of some bytes: `startsInput` when they start the input (a
    /// byte-order mark is skipped only there), `endsInput` when nothing follows them.
    public init(startsInput: Bool = true, endsInput: Bool = true) {
        atInputStart = startsInput
        self.endsInput = endsInput
    }

    /// Where reading has got to in the bytes.
    public var position: Int { offset }

    /// Whether the scanner stopped inside a quoted field (where a line feed is text).
    public var isInsideQuotes: Bool { state == .quoted || state == .quoteInQuoted }

    /// Starts again at `position`, a record boundary of the bytes (for a splitter that found one
    /// without the scanner).
    public mutating func restart(atRecordBoundary position: Int) {
        state = .recordStart
        atInputStart = false
        offset = position
        lineStart = position
    }

    /// Forgets the first `count` bytes, all of them before the record being read: offsets are then
    /// counted from the byte that followed them.
    public mutating func dropFirst(_ count: Int) {
        offset -= count
        lineStart -= count
        recordStart -= count
        fieldStart -= count
        atInputStart = false
    }

    /// Reads the next record of `input`, giving its fields to `sink`.
    @inlinable
    public mutating func next<Sink: CSVFieldSink>(
        in input: UnsafeBufferPointer<UInt8>, into sink: inout Sink
    ) throws(CSVError) -> Step {
        let end = input.count
        var p = offset
        defer { offset = p }
        while true {
            switch state {
            case .recordStart:
                if atInputStart {
                    if end - p >= 3 {
                        if input[p] == 0xEF, input[p + 1] == 0xBB, input[p + 2] == 0xBF { p += 3 }
                    } else if !endsInput, Self.startsLikeByteOrderMark(input, from: p) {
                        return .needsInput
                    }
                    atInputStart = false
                    lineStart = p
                }
                while p < end {
                    let byte = input[p]
                    if byte == Self.lineFeed {
                        p += 1
                        line += 1
                        lineStart = p
                    } else if byte == Self.carriageReturn {
                        guard p + 1 < end else {
                            if endsInput { throw carriageReturnError(at: p) }
                            return .needsInput
                        }
                        guard input[p + 1] == Self.lineFeed else { throw carriageReturnError(at: p) }
                        p += 2
                        line += 1
                        lineStart = p
                    } else {
                        break
                    }
                }
                if p == end { return endsInput ? .end : .needsInput }
                recordStart = p
                recordLine = line
                state = .fieldStart
            case .fieldStart:
                if p == end, !endsInput { return .needsInput }
                fieldLine = line
                fieldColumn = p - lineStart + 1
                if p < end, input[p] == Self.quote {
                    p += 1
                    state = .quoted
                } else {
                    state = .unquoted
                }
                fieldStart = p
            case .unquoted:
                while p < end {
                    let byte = input[p]
                    if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    p += 1
                }
                if p == end, !endsInput { return .needsInput }
                sink.unquotedField(fieldStart..<p, of: input, line: fieldLine, column: fieldColumn)
                state = .fieldEnd
            case .quoted:
                while p < end {
                    let byte = input[p]
                    if byte == Self.quote { break }
                    if byte == Self.lineFeed {
                        line += 1
                        lineStart = p + 1
                    }
                    p += 1
                }
                guard p < end else {
                    if endsInput {
                        throw CSVError(line: fieldLine, column: fieldColumn, message: "unterminated quoted field")
                    }
                    return .needsInput
                }
                p += 1
                state = .quoteInQuoted
            case .quoteInQuoted:
                if p < end, input[p] == Self.quote {
                    // A doubled quote: the run ends with the first of the two.
                    sink.quotedText(fieldStart..<p, of: input)
                    p += 1
                    fieldStart = p
                    state = .quoted
                    continue
                }
                if p == end, !endsInput { return .needsInput }
                sink.quotedText(fieldStart..<(p - 1), of: input)
                sink.endQuotedField(line: fieldLine, column: fieldColumn)
                if p < end {
                    let byte = input[p]
                    if byte != Self.comma, byte != Self.lineFeed, byte != Self.carriageReturn {
                        throw CSVError(
                            line: line, column: p - lineStart + 1, message: "unexpected character after a closing quote"
                        )
                    }
                }
                state = .fieldEnd
            case .fieldEnd:
                // At the end of the input (only when it ends here), or at `,`, LF or CR.
                guard p < end else {
                    state = .recordStart
                    return .record(recordStart..<p, line: recordLine)
                }
                let byte = input[p]
                if byte == Self.comma {
                    p += 1
                    state = .fieldStart
                    continue
                }
                if byte == Self.carriageReturn {
                    guard p + 1 < end else {
                        if endsInput { throw carriageReturnError(at: p) }
                        return .needsInput
                    }
                    guard input[p + 1] == Self.lineFeed else { throw carriageReturnError(at: p) }
                    p += 1
                }
                p += 1
                line += 1
                lineStart = p
                state = .recordStart
                return .record(recordStart..<p, line: recordLine)
            }
        }
    }

    @usableFromInline
    func carriageReturnError(at position: Int) -> CSVError {
        CSVError(
            line: line, column: position - lineStart + 1,
            message: "carriage return without a line feed; lines end with LF or CRLF")
    }

    /// Whether the bytes from `start` to the end (fewer than three) could begin a byte-order mark.
    @usableFromInline
    static func startsLikeByteOrderMark(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        for index in start..<input.count where input[index] != mark[index - start] { return false }
        return true
    }
}
