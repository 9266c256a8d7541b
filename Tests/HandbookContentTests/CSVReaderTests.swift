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
}
