import Foundation
import GRDB
import Testing

@testable import TrainingRecords

/// What only SQLite has (pragmas, query plans, files); the behaviour every store shares is in
/// ``RecordStoreTests``.
@Suite struct SQLiteRecordStoreTests {
    @Test func commitsWithFullSynchronousInWALMode() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        let (synchronous, journal) = try await store.pool.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(synchronous == 2, "2 is FULL")
        #expect(journal == "wal")
    }

    @Test func latestPassesAreLookedUpInTheIndexNotScanned() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        let plan = try await store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + SQLiteRecordStore.latestPassesSQL,
                arguments: ["ana@example.com", "ana@example.com"]
            ).map { $0["detail"] as String? ?? "" }
        }
        // Every step that reads attempts uses an index; none scans the table.
        #expect(plan.contains { $0.contains("USING COVERING INDEX attempts_latest_pass") })
        #expect(!plan.contains { $0.hasPrefix("SCAN attempts") || $0.hasPrefix("SCAN b") })
    }

    @Test func rowsCannotBeUpdatedOrDeletedByAccident() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("records.sqlite")
        let store = try SQLiteRecordStore(path: path)
        _ = try await store.append(Fixtures.attempt())
        try store.close()
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE attempts SET passed = 0") }
        }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM attempts") } }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("records.sqlite")
        try Data(String(repeating: "not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: RecordStoreError.cannotOpen(path: path, reason: "the file is not an SQLite database")) {
            try SQLiteRecordStore(path: path)
        }
    }

    @Test func aPathThatCannotBeCreatedIsRefused() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let blocker = folder.file("plain-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = blocker + "/records.sqlite"
        #expect(throws: RecordStoreError.cannotOpen(path: path, reason: "cannot create its folder '\(blocker)'")) {
            try SQLiteRecordStore(path: path)
        }
        #expect(throws: RecordStoreError.cannotOpen(path: folder.path, reason: "it is a folder")) {
            try SQLiteRecordStore(path: folder.path)
        }
    }

    @Test func aMissingFileIsNotCreatedForReading() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("absent.sqlite")
        #expect(throws: RecordStoreError.notFound(path: path)) {
            try SQLiteRecordStore(path: path, createIfMissing: false)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aSchemaNewerThanThisAttestIsRefusedAndLeftAlone() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("records.sqlite")
        try SQLiteRecordStore(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99 future')") }
        try queue.close()
        #expect(
            throws: RecordStoreError.cannotOpen(
                path: path,
                reason: "its schema is newer than this attest knows (written by a newer version); upgrade attest")
        ) {
            try SQLiteRecordStore(path: path)
        }
    }

    @Test func chainEntriesCarryImportKeys() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        let first = try await store.append(Fixtures.attempt())
        let imported = try await store.append(Fixtures.attempt(recordedAt: "2026-01-02T00:00:00.000Z", importKey: "k1"))
        #expect(
            try await store.chainEntries() == [
                ChainEntry(record: first, importKey: nil), ChainEntry(record: imported, importKey: "k1"),
            ])
        _ = try await store.redeemInvitation(id: "n1", person: "a@example.com", expires: 4_000_000_000)
        _ = try await store.redeemInvitation(id: "gone", person: "a@example.com", expires: 1)
        #expect(try await store.invitationMarks().map(\.id) == ["n1"])
    }
}
