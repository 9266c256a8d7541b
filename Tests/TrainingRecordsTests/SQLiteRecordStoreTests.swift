import Foundation
import GRDB
import Testing

@testable import TrainingRecords

@Suite struct SQLiteRecordStoreTests {
    @Test func aRecordSurvivesClosingAndReopening() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("nested/deeper/records.sqlite")
        let store = try SQLiteRecordStore(path: path)
        let stored = try await store.append(Fixtures.attempt())
        try store.close()

        let reopened = try SQLiteRecordStore(path: path, createIfMissing: false)
        let records = try await reopened.allRecords()
        #expect(records == [stored])
        #expect(stored.sequence == 1)
        #expect(stored.previousHash == "")
        #expect(stored.hash == stored.computedHash)
        #expect(UTCTimestamp(parsing: stored.recordedAt)?.iso8601 == stored.recordedAt)
        #expect(try await reopened.verifyChain().isIntact)
    }

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

    @Test func anInvitationIsRedeemedOnceAcrossReopeningAndRacingRequests() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("records.sqlite")
        let farFuture: Int64 = 4_000_000_000
        let store = try SQLiteRecordStore(path: path)
        // Eight requests race to use one link: exactly one signs in.
        let results = try await withThrowingTaskGroup(of: InvitationRedemption.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await store.redeemInvitation(id: "n1", person: "Bob@Example.com", expires: farFuture)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter { $0 == .first }.count == 1)
        try store.close()

        let reopened = try SQLiteRecordStore(path: path, createIfMissing: false)
        guard
            case .alreadyRedeemed(let at) = try await reopened.redeemInvitation(
                id: "n1", person: "bob@example.com", expires: farFuture)
        else {
            Issue.record("a used link signed in again after reopening")
            return
        }
        #expect(UTCTimestamp(parsing: at) != nil)
        #expect(try await reopened.redeemInvitation(id: "n2", person: "bob@example.com", expires: farFuture) == .first)
        // Marks of links past their expiry are dropped; the attempts' chain is untouched.
        #expect(try await reopened.redeemInvitation(id: "old", person: "a@example.com", expires: 1) == .first)
        _ = try await reopened.redeemInvitation(id: "n3", person: "a@example.com", expires: farFuture)
        let ids = try await reopened.pool.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM invitation_redemptions ORDER BY id")
        }
        #expect(ids == ["n1", "n2", "n3"])
        #expect(try await reopened.allRecords().isEmpty)
    }

    @Test func concurrentAppendsKeepOneValidChain() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        let returned = try await withThrowingTaskGroup(of: AttemptRecord.self) { group in
            for index in 0..<200 {
                group.addTask { try await store.append(Fixtures.attempt(person: "p\(index)@example.com")) }
            }
            var records: [AttemptRecord] = []
            for try await record in group { records.append(record) }
            return records
        }
        let stored = try await store.allRecords()
        #expect(stored.map(\.sequence) == Array(1...200))
        #expect(Set(stored.map(\.person)).count == 200)
        #expect(Set(stored.map(\.id)).count == 200)
        #expect(returned.sorted { $0.sequence < $1.sequence } == stored, "each caller got its record as stored")
        let verification = try await store.verifyChain()
        #expect(verification.isIntact)
        #expect(verification.recordCount == 200)
        #expect(verification.head == stored.last?.hash)
        #expect(ChainVerifier.verify(stored).isIntact)
    }

    @Test func appendContentsOfChainsInOrder() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        _ = try await store.append(Fixtures.attempt())
        let batch = try await store.append(contentsOf: (0..<5).map { Fixtures.attempt(person: "b\($0)@example.com") })
        #expect(batch.map(\.sequence) == [2, 3, 4, 5, 6])
        #expect(batch.map(\.person) == (0..<5).map { "b\($0)@example.com" })
        for (previous, next) in zip(batch.dropLast(), batch.dropFirst()) { #expect(next.previousHash == previous.hash) }
        #expect(try await store.append(contentsOf: []) == [])
    }

    @Test func importKeysAreStoredOnce() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        let attempts = [
            Fixtures.attempt(recordedAt: "2026-01-02T00:00:00.000Z", importKey: "import:1"),
            Fixtures.attempt(recordedAt: "2026-01-03T00:00:00.000Z", importKey: "import:2"),
            Fixtures.attempt(recordedAt: "2026-01-03T00:00:00.000Z", importKey: "import:2"),
        ]
        let first = try await store.append(contentsOf: attempts)
        #expect(first.map(\.recordedAt) == ["2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z"])
        let second = try await store.append(contentsOf: attempts)
        #expect(second.isEmpty)
        await #expect(throws: RecordStoreError.duplicateImport(key: "import:1")) {
            try await store.append(attempts[0])
        }
        #expect(try await store.count() == 2)
        #expect(try await store.verifyChain().isIntact)
    }

    @Test func recordsOfOnePerson() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        _ = try await store.append(Fixtures.attempt(person: "ana@example.com"))
        _ = try await store.append(Fixtures.attempt(person: "bo@example.com"))
        _ = try await store.append(Fixtures.attempt(person: "Ana@Example.com", passed: false, score: 50))
        let ana = try await store.records(person: "ANA@example.com")
        #expect(ana.map(\.sequence) == [1, 3])
        #expect(ana.map(\.passed) == [true, false])
    }

    @Test func trainingRecordsHoldTheLatestPassPerQuizAndTheRecentHistory() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        _ = try await store.append(Fixtures.attempt(quiz: "keys", recordedAt: "2026-03-01T10:00:00.000Z"))  // 1
        _ = try await store.append(Fixtures.attempt(quiz: "keys", recordedAt: "2026-05-01T10:00:00.000Z"))  // 2
        // An import of an older completion arrives later: not the latest pass.
        _ = try await store.append(Fixtures.attempt(quiz: "keys", recordedAt: "2025-01-01T10:00:00.000Z"))  // 3
        _ = try await store.append(Fixtures.attempt(quiz: "sharing", passed: false, score: 20))  // 4
        _ = try await store.append(Fixtures.attempt(person: "bo@example.com", quiz: "sharing"))  // 5
        _ = try await store.append(Fixtures.attempt(quiz: "sharing", recordedAt: "2026-06-01T10:00:00.000Z"))  // 6
        let summary = try await store.trainingRecords(person: "Ana@example.com", recentLimit: 2)
        #expect(summary.latestPasses.map(\.sequence) == [2, 6])
        #expect(summary.recent.map(\.sequence) == [4, 6])
        #expect(summary.total == 5)
        // The store's query agrees with picking from all of the person's records.
        let picked = PersonTrainingRecords(records: try await store.records(person: "ana@example.com"), recentLimit: 2)
        #expect(picked == summary)
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
}
