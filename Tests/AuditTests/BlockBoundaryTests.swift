import HandbookContent
import Testing

@testable import Audit

/// A CSV inventory means the same however it is cut into blocks: the rows, findings, diagnostics
/// and reports of a read in blocks of every small size equal those of one read of the whole file,
/// for RFC 4180 quoted fields (commas, doubled quotes, line breaks), quotes inside unquoted fields
/// (`5" display`, as spreadsheets leave them), CRLF, a byte-order mark, blank lines and errors.
@Suite struct BlockBoundaryTests {
    typealias F = AuditFixtures

    static let policies = [
        F.policy(controls: [
            F.control("KEY-OWNER", "owner-assigned", line: 5),
            F.control("KEY-OWNER-ACTIVE", "owner-active", line: 8),
            F.control(
                "KEY-ROTATION", "rotation-age", ["max_age_days": .integer(90), "warn_days": .integer(14)], line: 12),
            F.control("KEY-STORAGE", "approved-storage", ["allowed": .list(["kms", "vault"])], line: 16),
        ])
    ]

    static let header = "\u{FEFF}id,name,type,mode,owner,storage,last_rotated_at,team\r\n"

    /// Rows that hold every case of the grammar; `n` makes the ids unique.
    static func rows(_ n: Int) -> String {
        [
            "k\(n)-1,\"Checkout, EU\",secret,live,alice@example.com,vault,2026-01-15,payments\r\n",
            "k\(n)-2,5\" display,secret,live,bob@example.com,kms,2026-11-01,mobile\r\n",
            "k\(n)-3,\"He said \"\"roll it\"\"\",restricted,live,,env_file,2026-10-01,\n",
            "k\(n)-4,\"two\nlines, \"\"quoted\"\"\",secret,test,dave@example.com,vault,2025-01-01,\"a,b\"\n",
            "\r\n\n",
            "k\(n)-5,say \"hi\" twice,secret,live,carol@example.com,vault,2025-08-01,x\"\n",
            "k\(n)-6,\"\"\"\",secret,live,alice@example.com,kms,,\"\"\n",
            "\u{FEFF}k\(n)-7,starts with a byte-order mark,secret,live,alice@example.com,kms,2025-06-01,\n",
            "k\(n)-8,\"crlf\r\ninside\",secret,live,erin@example.com,plaintext,2026-09-01,\"\"\"\"\"\"\r\n",
            "k\(n)-9,trailing quote\",secret,live,alice@example.com,kms,2025-07-01,team\"\"\n",
        ].joined()
    }

    /// An inventory of `count` copies of ``rows(_:)``, its last line without a line break.
    static func inventory(_ count: Int) -> String {
        var text = header + (1...count).map(rows).joined()
        text.removeLast()
        return text
    }

    /// Each input, as it is and with a problem added: bad rows, a duplicate id, and each syntax error.
    static let inputs: [(name: String, text: String)] = {
        let valid = inventory(6)
        func inserting(_ line: String, afterRow row: Int) -> String {
            let marker = "k\(row)-9,"
            let start = valid.range(of: marker)!.lowerBound
            let end = valid[start...].firstIndex(of: "\n")!
            return String(valid[...end]) + line + String(valid[valid.index(after: end)...])
        }
        return [
            ("valid", valid),
            (
                "bad rows",
                inserting(
                    "k-bad,x,secrett,live,alice@example.com,kms,2026-13-01,x\nk2-4,dup,secret,live,,kms,,\n",
                    afterRow: 3)
            ),
            ("quote opened in the middle", inserting("k-open,\"opened,secret,live,,kms,,\n", afterRow: 2)),
            ("unterminated quote", valid + "\nk-open,\"never closed,secret,live\n"),
            ("character after a closing quote", inserting("k-x,\"closed\"x,secret,live,,kms,,\n", afterRow: 4)),
            ("carriage return alone", inserting("k-cr,one\rtwo,secret,live,,kms,,\n", afterRow: 5)),
        ]
    }()

    /// Block sizes: every size from 1 to 64, then primes up to past the inputs' length.
    static let blockSizes = Array(1...64) + [97, 127, 251, 509, 1021, 1031, 2053, 4099]

    /// Everything a run gives: the diagnostics, and the report as JSON (nil when there is none).
    static func result(_ text: String, blockSize: Int, skipBadRows: Bool) -> (diagnostics: [String], report: String?) {
        let outcome = F.run(
            [("keys.csv", text)], policies: policies,
            configuration: F.configuration(skipBadRows: skipBadRows, blockSize: blockSize))
        return (outcome.diagnostics.map(\.description), outcome.report.map { JSONReportWriter().render($0) })
    }

    @Test(arguments: [false, true])
    func everyBlockSizeGivesWhatOneReadGives(skipBadRows: Bool) {
        for input in Self.inputs {
            let whole = Self.result(input.text, blockSize: 4 << 20, skipBadRows: skipBadRows)
            for blockSize in Self.blockSizes {
                let cut = Self.result(input.text, blockSize: blockSize, skipBadRows: skipBadRows)
                #expect(cut.diagnostics == whole.diagnostics, "\(input.name), blocks of \(blockSize)")
                #expect(cut.report == whole.report, "\(input.name), blocks of \(blockSize)")
                if cut.diagnostics != whole.diagnostics || cut.report != whole.report { break }
            }
        }
    }

    /// What one read gives, checked once, so that the comparisons above compare the right thing.
    @Test func oneReadFollowsTheGrammar() throws {
        let valid = Self.result(Self.inventory(6), blockSize: 4 << 20, skipBadRows: false)
        #expect(valid.diagnostics == [])
        let outcome = F.run([("keys.csv", Self.inventory(1))], policies: Self.policies)
        let report = try #require(outcome.report)
        #expect(report.keysRead == 9)
        let storage = try #require(report.controls.first { $0.id == "KEY-STORAGE" })
        // k1-3 on line 4, k1-8 on line 12: the line breaks inside quoted fields and the blank lines count.
        #expect(storage.findings.map(\.subject) == ["k1-3", "k1-8"])
        #expect(storage.findings.map { $0.source?.line } == [4, 12])
        let owner = try #require(report.controls.first { $0.id == "KEY-OWNER-ACTIVE" })
        #expect(owner.findings.map(\.subject) == ["k1-3", "k1-4", "k1-8"])
        // The stray quotes, and the byte-order mark that starts k1-7's line, are part of the values.
        let rotation = try #require(report.controls.first { $0.id == "KEY-ROTATION" })
        #expect(rotation.findings.map(\.subject) == ["k1-1", "k1-4", "k1-5", "k1-6", "\u{FEFF}k1-7", "k1-8", "k1-9"])
        #expect(rotation.findings.first { $0.subject == "k1-4" }?.extraColumns == ["team": "a,b"])
        #expect(rotation.findings.first { $0.subject == "k1-8" }?.extraColumns == ["team": "\"\""])
        #expect(rotation.findings.first { $0.subject == "k1-9" }?.extraColumns == ["team": "team\"\""])
        #expect(rotation.findings.first { $0.subject == "k1-5" }?.extraColumns == ["team": "x\""])

        let errors: [(String, String)] = [
            // The field opened on line 28 runs to the first quote of line 29's "Checkout, EU".
            ("quote opened in the middle", "keys.csv:29:7: error: unexpected character after a closing quote"),
            ("unterminated quote", "keys.csv:80:8: error: unterminated quoted field"),
            ("character after a closing quote", "keys.csv:54:13: error: unexpected character after a closing quote"),
            (
                "carriage return alone",
                "keys.csv:67:9: error: carriage return without a line feed; lines end with LF or CRLF"
            ),
        ]
        for (name, error) in errors {
            let input = try #require(Self.inputs.first { $0.name == name })
            let result = Self.result(input.text, blockSize: 4 << 20, skipBadRows: false)
            #expect(result.report == nil)
            #expect(result.diagnostics == [error], "\(name)")
        }
        let bad = try #require(Self.inputs.first { $0.name == "bad rows" })
        #expect(
            Self.result(bad.text, blockSize: 4 << 20, skipBadRows: false).diagnostics == [
                "keys.csv:41:9: error: unknown type 'secrett'; expected one of: secret, restricted, publishable, webhook_secret",
                "keys.csv:41:44: error: bad date '2026-13-01' in last_rotated_at; expected YYYY-MM-DD or an ISO 8601 date-time",
                "keys.csv:42:1: error: duplicate id 'k2-4' (first at keys.csv:18)",
            ])
    }

    /// The chunks hold the input, in order, each cut where one read of the whole input ends a record
    /// (or after blank lines that follow one).
    @Test func chunksAreCutWhereRecordsEnd() throws {
        for input in Self.inputs where input.name == "valid" || input.name == "bad rows" {
            let bytes = Array(input.text.utf8)
            var ends: Set<Int> = []
            var scanner = CSVScanner()
            var sink = CSVBoundarySink()
            try bytes.withUnsafeBufferPointer { buffer in
                while case .record(let range, _) = try scanner.next(in: buffer, into: &sink) {
                    ends.insert(range.upperBound)
                }
            }
            // Blank lines belong to no record: a cut after them is a cut between records.
            for end in ends.sorted() {
                var next = end
                while next < bytes.count, bytes[next] == 0x0A || bytes[next] == 0x0D {
                    next += 1
                    if bytes[next - 1] == 0x0A { ends.insert(next) }
                }
            }
            for blockSize in Self.blockSizes {
                var reader = CSVChunkReader(bytes: bytes, blockSize: blockSize)
                var joined: [UInt8] = []
                var line = 1
                while let chunk = try reader.next() {
                    #expect(chunk.firstLine == line)
                    line += chunk.bytes.filter { $0 == 0x0A }.count
                    joined += chunk.bytes
                    #expect(
                        ends.contains(joined.count), "\(input.name), blocks of \(blockSize): cut at \(joined.count)")
                }
                #expect(joined == bytes)
            }
        }
    }
}
