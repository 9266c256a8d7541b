import HandbookContent
import Testing

@Suite struct CSVReaderTests {
    @Test func recordsHaveLinesAndFieldColumns() throws {
        var reader = CSVReader(text: "a,\"b,\"\"c\"\"\",d\r\n\r\nxy,,z\n\"multi\nline\",e\n")
        let records = try reader.readAll()
        #expect(records.map(\.fields) == [["a", "b,\"c\"", "d"], ["xy", "", "z"], ["multi\nline", "e"]])
        #expect(records.map(\.line) == [1, 3, 4])
        #expect(records[0].fieldColumns == [1, 3, 13])
        #expect(records[1].fieldColumns == [1, 4, 5])
        #expect(records[2].column(ofField: 1) == 7)
        #expect(records.map(\.fieldLines) == [[1, 1, 1], [3, 3, 3], [4, 5]])
        #expect(records[2].line(ofField: 1) == 5)
        #expect(records[2].line(ofField: 9) == 4)
        #expect(records[2].column(ofField: 9) == 1)
    }

    @Test func unterminatedQuoteIsAnError() {
        var reader = CSVReader(text: "a,b\nc,\"d\n")
        #expect(throws: CSVError(line: 2, column: 3, message: "unterminated quoted field")) {
            try reader.readAll()
        }
    }

    static func read(_ text: String, startsInput: Bool = true) -> Result<[[String]], CSVError> {
        var reader = CSVReader(bytes: Array(text.utf8), startsInput: startsInput)
        return Result { () throws(CSVError) -> [[String]] in try reader.readAll().map(\.fields) }
    }

    /// The grammar of README.md's "CSV grammar", case by case.
    @Test func aQuoteOpensAQuotedFieldOnlyAtTheFieldsStart() throws {
        #expect(try Self.read("5\" display,b\n\"x\"\n").get() == [["5\" display", "b"], ["x"]])
        #expect(try Self.read("a\"b\"c,\"d\"\"e\"\n").get() == [["a\"b\"c", "d\"e"]])
        #expect(try Self.read(" \"x\",y\n").get() == [[" \"x\"", "y"]])
        #expect(try Self.read("x\"\n\"\"\"\"\n").get() == [["x\""], ["\""]])
    }

    @Test func lineEndsBlankLinesAndTheByteOrderMark() throws {
        #expect(try Self.read("a,b\r\n\r\n\nc,\"d\r\ne\"\r\nf").get() == [["a", "b"], ["c", "d\r\ne"], ["f"]])
        #expect(try Self.read("a,\n,\n").get() == [["a", ""], ["", ""]])
        #expect(try Self.read("\u{FEFF}a,b\n").get() == [["a", "b"]])
        // Only at the start of the input.
        #expect(try Self.read("a\n\u{FEFF}b\n").get() == [["a"], ["\u{FEFF}b"]])
        #expect(try Self.read("\u{FEFF}b\n", startsInput: false).get() == [["\u{FEFF}b"]])
        #expect(try Self.read("").get() == [])
        #expect(try Self.read("\n\r\n").get() == [])
    }

    @Test(arguments: [
        ("a,b\nc,\"d\n", CSVError(line: 2, column: 3, message: "unterminated quoted field")),
        ("\"a\nb\",\"c\n", CSVError(line: 2, column: 4, message: "unterminated quoted field")),
        ("a,\"b\"c\n", CSVError(line: 1, column: 6, message: "unexpected character after a closing quote")),
        ("\"a\nb\" ,c\n", CSVError(line: 2, column: 3, message: "unexpected character after a closing quote")),
        (
            "a,b\rc\n",
            CSVError(line: 1, column: 4, message: "carriage return without a line feed; lines end with LF or CRLF")
        ),
        (
            "a\n\r",
            CSVError(line: 2, column: 1, message: "carriage return without a line feed; lines end with LF or CRLF")
        ),
        (
            "\"a\"\r",
            CSVError(line: 1, column: 4, message: "carriage return without a line feed; lines end with LF or CRLF")
        ),
    ])
    func errorsAreWhereTheyHappen(text: String, error: CSVError) {
        #expect(throws: error) { try Self.read(text).get() }
    }

    /// Fed a prefix at a time, as the audit's block splitter feeds it, the scanner ends records
    /// exactly where one pass over the whole input ends them.
    @Test func aScannerFedInPiecesEndsRecordsWhereOnePassDoes() throws {
        let text = "\u{FEFF}id,\"a\nb\",c\r\n5\" x,\"\"\"\",\r\n\r\n\"q\"\"\n\"\"\",z\nlast,\"\""
        let bytes = Array(text.utf8)
        func recordEnds(_ bytes: [UInt8], pieces: Int) throws -> [Int] {
            var scanner = CSVScanner(startsInput: true, endsInput: false)
            var sink = CSVBoundarySink()
            var ends: [Int] = []
            var available = 0
            while available < bytes.count {
                available = min(bytes.count, available + pieces)
                try Array(bytes[..<available]).withUnsafeBufferPointer { buffer in
                    while case .record(let range, _) = try scanner.next(in: buffer, into: &sink) {
                        ends.append(range.upperBound)
                    }
                }
            }
            return ends
        }
        var whole = CSVScanner()
        var sink = CSVBoundarySink()
        var expected: [Int] = []
        try bytes.withUnsafeBufferPointer { buffer in
            while case .record(let range, _) = try whole.next(in: buffer, into: &sink) {
                expected.append(range.upperBound)
            }
        }
        #expect(expected.count == 4)
        // Fed in pieces, the last record (no line break after it) waits for input that never comes.
        for pieces in 1...bytes.count {
            #expect(try recordEnds(bytes, pieces: pieces) == expected.dropLast(), "\(pieces)")
        }
    }
}
