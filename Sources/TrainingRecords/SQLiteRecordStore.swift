import Foundation
import GRDB

/// The training records in one SQLite file (GRDB, WAL, `synchronous=FULL`), append-only and
/// hash-chained (see ``AttemptRecord/canonicalContent`` for the exact hashed bytes).
///
/// Appends from concurrent callers are committed together in one transaction (group commit), and
/// each call returns only after the transaction holding its attempt has committed: a record that
/// was returned survives a crash or kill -9. Sequence numbers and the chain are assigned inside the
/// write transaction, from the last stored record.
public final class SQLiteRecordStore: RecordStore {
    /// The database file.
    public let path: String
    /// Internal for tests.
    let pool: DatabasePool
    private let queue: GroupCommitQueue

    /// Opens (or, when `createIfMissing`, creates along with its parent folders) the records
    /// database at `path` and brings its schema up to date.
    ///
    /// Throws ``RecordStoreError/notFound(path:)`` when the file is missing and `createIfMissing`
    /// is false, and ``RecordStoreError/cannotOpen(path:reason:)`` when it is not a records
    /// database or cannot be written.
    public init(path: String, createIfMissing: Bool = true) throws(RecordStoreError) {
        self.path = path
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .cannotOpen(path: path, reason: "it is a folder") }
        } else {
            guard createIfMissing else { throw .notFound(path: path) }
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty {
                do {
                    try fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw .cannotOpen(path: path, reason: "cannot create its folder '\(parent)'")
                }
            }
        }
        do {
            var configuration = Configuration()
            configuration.label = "attest.records"
            configuration.busyMode = .timeout(10)
            // Each connection (one writer, up to `maximumReaderCount` readers) keeps its own page cache,
            // 2 MB by SQLite's default. Reads here are small indexed lookups, so a smaller cache per
            // connection costs nothing and bounds the server's memory sooner.
            configuration.maximumReaderCount = 4
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -512") }
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets synchronous=NORMAL for WAL; a returned append must survive power loss too.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            // A database migrated by a newer attest is left as it is: this one cannot know its schema.
            if try pool.read({ db in try Self.migrator.hasBeenSuperseded(db) }) {
                try? pool.close()
                throw RecordStoreError.cannotOpen(
                    path: path,
                    reason: "its schema is newer than this attest knows (written by a newer version); upgrade attest")
            }
            do {
                try Self.migrator.migrate(pool)
            } catch {
                // Two processes opening the file at once can both find a migration missing; the one
                // that applies it second fails. Fine when the other applied everything meanwhile.
                guard try pool.read({ db in try Self.migrator.hasCompletedMigrations(db) }) else { throw error }
            }
            self.pool = pool
        } catch let error as RecordStoreError {
            throw error
        } catch let error as DatabaseError {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        let pool = self.pool
        queue = GroupCommitQueue { gather in try await Self.commit(await gather(), to: pool) }
    }

    /// Closes the database; the store cannot be used afterwards.
    public func close() throws {
        try pool.close()
    }

    public func append(_ attempt: NewAttempt) async throws -> AttemptRecord {
        let records = try await queue.submit([attempt])
        guard let record = records.first else {
            throw RecordStoreError.duplicateImport(key: attempt.importKey ?? "")
        }
        return record
    }

    public func append(contentsOf attempts: [NewAttempt]) async throws -> [AttemptRecord] {
        guard !attempts.isEmpty else { return [] }
        return try await queue.submit(attempts)
    }

    public func allRecords() async throws -> [AttemptRecord] {
        try await pool.read { db in
            try Self.decodeAll(Row.fetchCursor(db, sql: "SELECT \(Self.columns) FROM attempts ORDER BY sequence"))
        }
    }

    public func records(person: String) async throws -> [AttemptRecord] {
        let person = person.lowercased()
        return try await pool.read { db in
            try Self.decodeAll(
                Row.fetchCursor(
                    db, sql: "SELECT \(Self.columns) FROM attempts WHERE person = ? ORDER BY sequence",
                    arguments: [person]))
        }
    }

    public func trainingRecords(person: String, recentLimit: Int) async throws -> PersonTrainingRecords {
        let person = person.lowercased()
        return try await pool.read { db in
            let latestPasses = try Self.decodeAll(
                Row.fetchCursor(db, sql: Self.latestPassesSQL, arguments: [person, person]))
            let recent = try Self.decodeAll(
                Row.fetchCursor(
                    db, sql: "SELECT \(Self.columns) FROM attempts WHERE person = ? ORDER BY sequence DESC LIMIT ?",
                    arguments: [person, max(0, recentLimit)]))
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempts WHERE person = ?", arguments: [person]) ?? 0
            let acceptances = try Self.decodeAll(
                Row.fetchCursor(db, sql: Self.acceptancesSQL, arguments: [person]))
            return PersonTrainingRecords(
                latestPasses: latestPasses, recent: recent.reversed(), total: total, acceptances: acceptances)
        }
    }

    public func acceptances(person: String) async throws -> [AttemptRecord] {
        let person = person.lowercased()
        return try await pool.read { db in
            try Self.decodeAll(Row.fetchCursor(db, sql: Self.acceptancesSQL, arguments: [person]))
        }
    }

    static let acceptancesSQL =
        "SELECT \(columns) FROM attempts WHERE person = ? AND kind = 'acceptance' ORDER BY sequence"

    /// The number of records stored.
    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attempts") ?? 0 }
    }

    /// Walks every record in sequence order (streaming, not loading them all) with ``ChainVerifier``.
    public func verifyChain(expectedHead: String? = nil) async throws -> ChainVerification {
        try await pool.read { db in
            var verifier = ChainVerifier(expectedHead: expectedHead)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.columns) FROM attempts ORDER BY sequence")
            while let row = try rows.next() {
                switch Self.decode(row) {
                case .success(let record): verifier.check(record)
                case .failure(let error):
                    verifier.reportUnreadable(sequence: error.sequence, id: error.id, error.reason)
                }
                if verifier.problem != nil { break }
            }
            return verifier.finish()
        }
    }

    // MARK: - Writing

    /// Inserts the batch in one transaction; each entry in its own savepoint, so that one failing
    /// entry (e.g. a duplicate import key) fails alone and leaves the chain as it was.
    private static func commit(_ batch: [[NewAttempt]], to pool: DatabasePool) async throws -> [Result<
        [AttemptRecord], any Error
    >] {
        let now = UTCTimestamp.now().iso8601
        return try await pool.write { db in
            var (sequence, head) = try lastRecord(db)
            var outcomes: [Result<[AttemptRecord], any Error>] = []
            outcomes.reserveCapacity(batch.count)
            let insert = try db.cachedStatement(sql: insertSQL)
            for attempts in batch {
                var records: [AttemptRecord] = []
                var entrySequence = sequence, entryHead = head
                do {
                    try db.inSavepoint {
                        var keys = Set<String>()
                        for attempt in attempts {
                            if let key = attempt.importKey {
                                let known = try Bool.fetchOne(
                                    db, sql: "SELECT 1 FROM attempts WHERE import_key = ?", arguments: [key])
                                if known == true || !keys.insert(key).inserted { continue }
                            }
                            entrySequence += 1
                            let record = attempt.record(
                                sequence: entrySequence, id: UUID().uuidString.lowercased(), recordedAt: now,
                                previousHash: entryHead)
                            try insert.execute(arguments: arguments(record, importKey: attempt.importKey))
                            entryHead = record.hash
                            records.append(record)
                        }
                        return .commit
                    }
                    sequence = entrySequence
                    head = entryHead
                    outcomes.append(.success(records))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            return outcomes
        }
    }

    private static func lastRecord(_ db: Database) throws -> (sequence: Int64, hash: String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM attempts ORDER BY sequence DESC LIMIT 1")
        else { return (0, "") }
        let sequence: DatabaseValue = row[0], hash: DatabaseValue = row[1]
        return (Int64.fromDatabaseValue(sequence) ?? 0, String.fromDatabaseValue(hash) ?? "")
    }

    private static let insertSQL = """
        INSERT INTO attempts (sequence, id, person, quiz_id, quiz_content_sha256, policy_versions, answers,
            score_percent, passed, recorded_at, identity_source, import_key, previous_hash, hash, kind)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    private static func arguments(_ record: AttemptRecord, importKey: String?) -> StatementArguments {
        [
            record.sequence, record.id, record.person, record.quizID, record.quizContentSHA256,
            CanonicalJSON.serialize(record.policyVersions), CanonicalJSON.serialize(record.answers),
            record.scorePercent, record.passed, record.recordedAt, record.identitySource, importKey,
            record.previousHash, record.hash, record.kind.rawValue,
        ]
    }

    // MARK: - Reading

    /// Each quiz's latest pass of one person (arguments: the person twice), in sequence order.
    /// recorded_at is ISO 8601 UTC with milliseconds, so text order is time order; the later sequence
    /// breaks a tie. Both steps read only the index `attempts_latest_pass`: one pass over the person's
    /// entries for the quiz ids, then one lookup per quiz, rather than a scan of the history per pass.
    static let latestPassesSQL = """
        SELECT \(columns) FROM attempts WHERE sequence IN (
            SELECT (SELECT b.sequence FROM attempts AS b
                    WHERE b.person = ? AND b.quiz_id = q.quiz_id AND b.passed = 1
                    ORDER BY b.recorded_at DESC, b.sequence DESC LIMIT 1)
            FROM (SELECT DISTINCT quiz_id FROM attempts WHERE person = ? AND passed = 1) AS q)
        ORDER BY sequence
        """

    static let columns = """
        sequence, id, person, quiz_id, quiz_content_sha256, policy_versions, answers, score_percent, passed, \
        recorded_at, identity_source, previous_hash, hash, kind
        """

    private static func decodeAll(_ rows: RowCursor) throws -> [AttemptRecord] {
        var records: [AttemptRecord] = []
        while let row = try rows.next() {
            switch decode(row) {
            case .success(let record): records.append(record)
            case .failure(let error):
                throw RecordStoreError.unreadableRecord(sequence: error.sequence, reason: error.reason)
            }
        }
        return records
    }

    /// Reads a row without trusting it: a tampered column gives an error, never a crash.
    static func decode(_ row: Row) -> Result<AttemptRecord, UnreadableRecordRow> {
        StoredRecordRow(
            text: { String.fromDatabaseValue(row[$0]) }, integer: { Int64.fromDatabaseValue(row[$0]) },
            flag: { index in
                Int64.fromDatabaseValue(row[index]).flatMap { $0 == 0 ? false : $0 == 1 ? true : nil }
            }
        ).decode()
    }

    private static func reason(_ error: DatabaseError) -> String {
        switch error.resultCode {
        case .SQLITE_NOTADB: "the file is not an SQLite database"
        case .SQLITE_CANTOPEN: "the file cannot be opened"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: "the file is not writable"
        case .SQLITE_CORRUPT: "the database is corrupt"
        default: error.message ?? "\(error)"
        }
    }
}
