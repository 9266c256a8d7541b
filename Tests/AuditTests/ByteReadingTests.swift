import HandbookContent
import Testing

@testable import Audit

/// The byte-level readers the audit uses for speed agree with the text-level ones they replace.
@Suite struct ByteReadingTests {
    /// Every record, as text, that the row scanner reads from `text`; or its error.
    static func scan(_ text: String) -> Result<[CSVRecord], CSVError> {
        var scanner = CSVRowScanner(bytes: Array(text.utf8), startsInput: true)
        var row = InventoryRow()
        var records: [CSVRecord] = []
        do {
            while try scanner.next(into: &row) { records.append(row.record) }
        } catch {
            return .failure(error)
        }
        return .success(records)
    }

    static func read(_ text: String) -> Result<[CSVRecord], CSVError> {
        var reader = CSVReader(text: text)
        do {
            return .success(try reader.readAll())
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: [
        "id,name\nk-1,plain\n",
        "\u{FEFF}id,name\r\nk-1,\"quoted, with comma\"\r\n\r\nk-2,\"multi\nline \"\"name\"\"\",x\n",
        "a,\"\",c\n\n\n,,\n\"last\"",
        "id,name\nk-1,\"open\n",
        "id,name\nk-1,\"closed\"x,y\n",
        "é,\"ü\"\"\",日本\n",
        "id,name\nk-1,5\" display\nk-2,\"x\"\n",
        "a,b\r\nc,d\re\n",
        "a,\"b\"\r",
    ])
    func rowScannerReadsWhatCSVReaderReads(text: String) {
        let scanned = Self.scan(text), read = Self.read(text)
        switch (scanned, read) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)): #expect(a == b)
        default: Issue.record("scanner \(scanned), reader \(read)")
        }
    }

    @Test(arguments: [
        "2026-01-03", "2026-02-30", "2026-01-03T10:00:00Z", "2026-01-03T23:30:00-02:00", "2026-01-03T00:10+0100",
        "2026-01-03T10:00:00.123Z", "2026-01-03 10:00", "2026-1-3", "", "20260103", "2026-01-03T25:00Z",
    ])
    func datesFromBytesMatchDatesFromText(text: String) {
        let fromBytes = Array(text.utf8).withUnsafeBufferPointer { CalendarDate(utf8: $0) }
        #expect(fromBytes == CalendarDate(parsing: text))
    }

    @Test(arguments: [
        "10.0.0.0/8", "192.168.1.1", "10.0.0.256", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/+8", "01.2.3.4",
        "1.2.3", "1.2.3.4.5", "10.0.0.0/0032", "2001:db8::/32", "::1", "example.com", "1.2.3.4/８",
    ])
    func allowlistEntriesFromBytesMatchText(text: String) {
        let fromBytes = Array(text.utf8).withUnsafeBufferPointer { IPAllowlistEntry.isValid($0) }
        #expect(fromBytes == IPAllowlistEntry.isValid(text))
    }

    @Test func internerRemembersLongValuesAndHandsThemOutAgain() {
        var interner = InventoryInterner()
        let email = "someone.else@example.com"
        let first = Array(email.utf8).withUnsafeBufferPointer { interner.string($0) }
        let second = Array(email.utf8).withUnsafeBufferPointer { interner.string($0) }
        #expect(first == email && second == email)
        #expect(
            first.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
                == second.utf8.withContiguousStorageIfAvailable { $0.baseAddress })
        let other = Array("someone.else@example.org".utf8).withUnsafeBufferPointer { interner.string($0) }
        #expect(other == "someone.else@example.org")
    }

    @Test func listsSplitAsTextDoes() {
        for text in ["a; b ;;c", " ; ", "x", "é;ü", "a\t;\tb"] {
            var items: [String] = []
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                InventoryText.forEachItem(of: bytes) {
                    items.append(String(decoding: $0, as: UTF8.self))
                } nonASCII: {
                    items = InventoryText.list($0)
                }
            }
            #expect(items == InventoryText.list(text), "\(text)")
        }
    }

    /// Where a field starts is where the grammar found it: a stray quote before it moves nothing.
    @Test func fieldPositionsComeFromTheGrammar() {
        let outcome = AuditFixtures.run(
            [("keys.csv", "id,na\"me,id,\"x,\"\"y\"\"\",type,type\nk-1,x,k-1,z,secret,secret\n")],
            policies: [AuditFixtures.policy(controls: [AuditFixtures.control("KEY-OWNER", "owner-assigned")])])
        #expect(
            outcome.diagnostics.map(\.description) == [
                "keys.csv:1:1: warning: column 'id' appears more than once; the first is used",
                "keys.csv:1:23: warning: column 'type' appears more than once; the first is used",
            ])
    }
}
