import Foundation
import GRDB
import Testing
import TrainingRecords

/// Tampers with a records file directly, as someone with write access to it could, and checks that
/// verify names the first bad record.
@Suite struct ChainVerifierTests {
    /// A store file with `count` records; returns the records and the path.
    private func makeChain(_ count: Int, in folder: TemporaryDirectory) async throws -> (String, [AttemptRecord]) {
        let path = folder.file("records.sqlite")
        let store = try SQLiteRecordStore(path: path)
        var records: [AttemptRecord] = []
        for index in 0..<count {
            records.append(try await store.append(Fixtures.attempt(person: "p\(index)@example.com")))
        }
        try store.close()
        return (path, records)
    }

    /// Runs `sql` on the file with the append-only triggers dropped.
    private func tamper(_ path: String, _ sql: String, arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER attempts_no_update; DROP TRIGGER attempts_no_delete")
            try db.execute(sql: sql, arguments: arguments)
        }
        try queue.close()
    }

    private func verify(_ path: String, expectedHead: String? = nil) async throws -> ChainVerification {
        try await SQLiteRecordStore(path: path, createIfMissing: false).verifyChain(expectedHead: expectedHead)
    }

    @Test func anIntactChainVerifies() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, records) = try await makeChain(5, in: folder)
        let verification = try await verify(path)
        #expect(verification == ChainVerification(recordCount: 5, head: records[4].hash, problem: nil))
        #expect(ChainVerifier.verify([AttemptRecord]()) == ChainVerification(recordCount: 0, head: nil, problem: nil))
    }

    @Test func anEditedRecordIsNamed() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, records) = try await makeChain(5, in: folder)
        try tamper(
            path, "UPDATE attempts SET score_percent = 100, passed = 1, person = 'eve@example.com' WHERE sequence = 3")
        let problem = try #require(try await verify(path).problem)
        #expect(problem.kind == .edited)
        #expect(problem.sequence == 3)
        #expect(problem.recordID == records[2].id)
    }

    @Test func anEditedAnswerIsNamed() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, _) = try await makeChain(4, in: folder)
        try tamper(path, #"UPDATE attempts SET answers = '{"1":["a"],"2":["a","c"]}' WHERE sequence = 2"#)
        let problem = try #require(try await verify(path).problem)
        #expect(problem.kind == .edited)
        #expect(problem.sequence == 2)
    }

    @Test func anInsertedRecordIsNamed() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, records) = try await makeChain(5, in: folder)
        // A careful forger: renumbers the records after 2 and inserts a record with a correct hash
        // that links to record 2.
        var forged = AttemptRecord(
            sequence: 3, id: "forged", person: "eve@example.com", quizID: "keys", quizContentSHA256: "",
            policyVersions: [:], answers: [:], scorePercent: 100, passed: true, recordedAt: records[1].recordedAt,
            identitySource: "dev", previousHash: records[1].hash, hash: "")
        forged.hash = forged.computedHash
        try tamper(
            path,
            """
            UPDATE attempts SET sequence = sequence + 1000 WHERE sequence >= 3;
            UPDATE attempts SET sequence = sequence - 999 WHERE sequence >= 1000;
            INSERT INTO attempts (sequence, id, person, quiz_id, quiz_content_sha256, policy_versions, answers,
                score_percent, passed, recorded_at, identity_source, previous_hash, hash)
            VALUES (3, 'forged', 'eve@example.com', 'keys', '', '{}', '{}', 100, 1, ?, 'dev', ?, ?)
            """, arguments: [forged.recordedAt, forged.previousHash, forged.hash])
        let problem = try #require(try await verify(path).problem)
        #expect(problem.kind == .inserted)
        #expect(problem.sequence == 3)
        #expect(problem.recordID == "forged")
    }

    @Test func aRecordAppendedWithABadLinkIsNamed() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, _) = try await makeChain(3, in: folder)
        try tamper(
            path,
            """
            INSERT INTO attempts (sequence, id, person, quiz_id, quiz_content_sha256, policy_versions, answers,
                score_percent, passed, recorded_at, identity_source, previous_hash, hash)
            VALUES (4, 'late', 'eve@example.com', 'keys', '', '{}', '{}', 100, 1, '2026-01-01T00:00:00.000Z', 'dev', '', 'x')
            """)
        let problem = try #require(try await verify(path).problem)
        #expect(problem.kind == .inserted)
        #expect(problem.sequence == 4)
        #expect(problem.recordID == "late")
        let verification = try await verify(path)
        #expect(verification.recordCount == 3)
    }

    @Test func aDeletedMiddleRecordIsNamed() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, records) = try await makeChain(5, in: folder)
        try tamper(path, "DELETE FROM attempts WHERE sequence = 3")
        let problem = try #require(try await verify(path).problem)
        #expect(problem.kind == .deleted)
        #expect(problem.sequence == 4, "the first record after the gap")
        #expect(problem.recordID == records[3].id)
        #expect(problem.description.contains("record 3 before it is missing"))
    }

    @Test func aDeletedRecordIsNamedEvenWhenTheRestIsRenumbered() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, records) = try await makeChain(5, in: folder)
        try tamper(
            path,
            """
            DELETE FROM attempts WHERE sequence = 3;
            UPDATE attempts SET sequence = sequence + 1000 WHERE sequence > 3;
            UPDATE attempts SET sequence = sequence - 1001 WHERE sequence > 1000;
            """)
        let problem = try #require(try await verify(path).problem)
        #expect(problem.kind == .deleted)
        #expect(problem.sequence == 3)
        #expect(problem.recordID == records[3].id)
    }

    @Test func deletingTheLastRecordsNeedsAnAnchoredHead() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, records) = try await makeChain(5, in: folder)
        let anchored = records[4].hash
        #expect(try await verify(path, expectedHead: anchored).isIntact)
        #expect(try await verify(path, expectedHead: records[2].hash).isIntact, "records appended since are fine")
        try tamper(path, "DELETE FROM attempts WHERE sequence >= 4")
        #expect(try await verify(path).isIntact, "the chain alone cannot show it")
        let problem = try #require(try await verify(path, expectedHead: anchored).problem)
        #expect(problem.kind == .headMissing)
        #expect(problem.sequence == nil)
    }

    @Test func anUnreadableRowIsNamedNotACrash() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let (path, _) = try await makeChain(3, in: folder)
        try tamper(path, "UPDATE attempts SET answers = 'not json', passed = 'yes' WHERE sequence = 2")
        let problem = try #require(try await verify(path).problem)
        #expect(problem.kind == .unreadable)
        #expect(problem.sequence == 2)
        await #expect(throws: RecordStoreError.self) {
            try await SQLiteRecordStore(path: path).allRecords()
        }
    }

    @Test func verifiesRecordsInMemoryToo() {
        var records: [AttemptRecord] = []
        for sequence in Int64(1)...4 {
            records.append(
                Fixtures.record(
                    sequence: sequence, recordedAt: "2026-01-0\(sequence)T00:00:00.000Z",
                    previousHash: records.last?.hash ?? ""))
        }
        #expect(ChainVerifier.verify(records).isIntact)
        var edited = records
        edited[1].scorePercent = 0
        #expect(ChainVerifier.verify(edited).problem?.kind == .edited)
        #expect(ChainVerifier.verify(edited).problem?.sequence == 2)
        let missingFirst = Array(records.dropFirst())
        #expect(ChainVerifier.verify(missingFirst).problem?.kind == .deleted)
        #expect(ChainVerifier.verify(missingFirst).problem?.sequence == 2)
    }
}
