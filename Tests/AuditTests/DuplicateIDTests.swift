import HandbookContent
import Testing

@testable import Audit

/// Duplicate ids are decided on the ids' bytes: a hash only says where to look, so a collision
/// (whatever the per-process seed makes of it) never makes two ids one.
@Suite struct DuplicateIDTests {
    typealias F = AuditFixtures

    static func insert(_ table: inout ByteStringTable<Int>, _ key: String, hash: Int, value: Int) -> (Int, Bool) {
        Array(key.utf8).withUnsafeBufferPointer { bytes in
            let (entry, inserted) = table.insert(bytes, hash: hash) { value }
            return (table[entry], inserted)
        }
    }

    static func find(_ table: ByteStringTable<Int>, _ key: String, hash: Int) -> Int? {
        Array(key.utf8).withUnsafeBufferPointer { bytes in table.find(bytes, hash: hash).map { table[$0] } }
    }

    @Test func keysWhoseHashesCollideStayApart() {
        var table = ByteStringTable<Int>()
        for hash in [42, 0, -1, Int.min] {
            #expect(Self.insert(&table, "a\(hash)", hash: hash, value: 1) == (1, true))
            #expect(Self.insert(&table, "b\(hash)", hash: hash, value: 2) == (2, true))
            #expect(Self.insert(&table, "a\(hash)", hash: hash, value: 3) == (1, false))
            #expect(Self.find(table, "b\(hash)", hash: hash) == 2)
            #expect(Self.find(table, "c\(hash)", hash: hash) == nil)
        }
        // Many keys on one hash, and keys that are prefixes of each other.
        for index in 0..<500 {
            #expect(Self.insert(&table, String(repeating: "x", count: index), hash: 7, value: index).1)
        }
        for index in 0..<500 { #expect(Self.find(table, String(repeating: "x", count: index), hash: 7) == index) }
        #expect(table.count == 8 + 500)
    }

    @Test func aTableGrowsAndFindsEveryKey() {
        var table = ByteStringTable<Int>()
        for index in 0..<50_000 {
            let key = "key_\(index)"
            #expect(Self.insert(&table, key, hash: KeyBatch.idHash(key), value: index).1)
        }
        for index in stride(from: 0, to: 50_000, by: 7) {
            let key = "key_\(index)"
            #expect(Self.find(table, key, hash: KeyBatch.idHash(key)) == index)
        }
        #expect(Self.find(table, "key_50000", hash: KeyBatch.idHash("key_50000")) == nil)
    }

    static func batch(_ rows: [(id: String, hash: Int, line: Int)]) -> KeyBatch {
        var batch = KeyBatch(checkCount: 0)
        batch.keys = rows.map { KeyBatch.Row(id: $0.id, idHash: $0.hash, line: $0.line, active: true) }
        batch.rows = rows.count
        return batch
    }

    /// Rows whose ids' hashes are forced equal are two keys; the same id again is a duplicate.
    @Test func theMergerComparesIDsNotHashes() {
        var merger = BatchMerger(checkCount: 0, skipBadRows: false)
        merger.merge(Self.batch([("k-1", 99, 2), ("k-2", 99, 3)]), path: "keys.csv", inputIndex: 0)
        #expect(merger.keyCount == 2)
        #expect(merger.diagnostics.isEmpty)
        merger.merge(Self.batch([("k-3", 99, 4), ("k-2", 99, 5)]), path: "keys.csv", inputIndex: 0)
        #expect(merger.keyCount == 3)
        #expect(
            merger.diagnostics.map(\.description) == ["keys.csv:5:1: error: duplicate id 'k-2' (first at keys.csv:3)"])
    }

    /// "café" written precomposed and decomposed are equal as Swift strings, but two different ids.
    @Test func idsAreTheirBytes() throws {
        let outcome = F.run(
            [("keys.csv", "id,owner\ncaf\u{E9},alice@example.com\ncafe\u{301},alice@example.com\n")],
            policies: [F.policy(controls: [F.control("KEY-OWNER", "owner-assigned")])])
        #expect(outcome.diagnostics.isEmpty)
        #expect(try #require(outcome.report).keysRead == 2)
    }
}
