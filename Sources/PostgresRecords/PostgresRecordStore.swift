import Foundation
import Logging
import PostgresNIO
import TrainingRecords

/// The training records in PostgreSQL, shared by several `attest serve` instances: one append-only
/// hash chain, the same canonical records and hashes as ``SQLiteRecordStore``.
///
/// Appends from concurrent callers of one instance are committed together in one transaction
/// (``GroupCommitQueue``), and each call returns only after that transaction committed. Every
/// commit first takes a transaction-scoped advisory lock (`pg_advisory_xact_lock`), so commits of
/// all instances follow one another; the chain head is read after the lock is granted, inside the
/// transaction and in the same round trip (`attest_lock_chain_head`), and the primary key on
/// `sequence` refuses a second record with the same number should anything bypass the lock. The
/// lock is held for one batch's insert and commit only. Every statement of a commit is a prepared
/// statement (parsed once per connection).
///
/// A connection that does not come within ``connectionWait`` (the server is down or restarting)
/// fails the operation with ``RecordStoreError/unavailable(reason:)`` before anything is written;
/// the pool reconnects by itself once the server is back.
public final class PostgresRecordStore: RecordStore {
    /// Where the records are (``PostgresLocation/display`` is safe to show).
    public let location: PostgresLocation
    /// How long an operation waits for a connection before it fails as unavailable.
    public let connectionWait: Duration
    let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let queue: GroupCommitQueue

    /// The advisory lock that orders commits to the chain (any 64-bit number unique to Attest).
    static let chainLock: Int64 = 0x6174_7465_7374_0001
    /// The advisory lock that lets one instance at a time migrate the schema.
    static let schemaLock: Int64 = 0x6174_7465_7374_0002
    static let logger: Logger = {
        var logger = Logger(label: "attest.records.postgres")
        logger.logLevel = .critical
        return logger
    }()

    /// Connects, checks that the database is Attest's (or empty) and brings its schema up to date,
    /// then starts a connection pool.
    ///
    /// Throws ``RecordStoreError/cannotOpen(path:reason:)`` (with the URL shown without password)
    /// when the server cannot be reached, refuses the login, the database belongs to another
    /// application or has a schema newer than this attest; ``RecordStoreError/notFound(path:)``
    /// when `createIfMissing` is false and the database holds no records yet. Nothing is written
    /// in these cases.
    public static func open(
        _ location: PostgresLocation, createIfMissing: Bool = true, connectionWait: Duration = .seconds(5),
        maximumConnections: Int = 8
    ) async throws(RecordStoreError) -> PostgresRecordStore {
        let display = location.display
        let tls: PostgresClient.Configuration.TLS
        let tlsConfiguration: TLSConfiguration?
        do {
            tlsConfiguration = try Self.tlsConfiguration(location)
            switch (location.sslMode, tlsConfiguration) {
            case (.disable, _), (_, nil): tls = .disable
            case (.prefer, let configuration?): tls = .prefer(configuration)
            case (.require, let configuration?), (.verifyFull, let configuration?): tls = .require(configuration)
            }
        } catch {
            throw .cannotOpen(path: display, reason: PostgresFailure.reason(error, location: location))
        }
        do {
            try await Self.prepareSchema(location, tls: tlsConfiguration, createIfMissing: createIfMissing)
        } catch let error as RecordStoreError {
            throw error
        } catch {
            throw .cannotOpen(path: display, reason: PostgresFailure.reason(error, location: location))
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: tls)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        return PostgresRecordStore(location: location, configuration: configuration, connectionWait: connectionWait)
    }

    private init(location: PostgresLocation, configuration: PostgresClient.Configuration, connectionWait: Duration) {
        self.location = location
        self.connectionWait = connectionWait
        let client = PostgresClient(configuration: configuration, backgroundLogger: Self.logger)
        self.client = client
        runTask = Task { await client.run() }
        let gate = Gatekeeper(
            client: client, location: location, wait: connectionWait, runningLimit: Self.runningLimit)
        queue = GroupCommitQueue { gather in try await Self.commit(gathering: gather, through: gate) }
    }

    /// Stops the pool; the store cannot be used afterwards.
    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    deinit { runTask.cancel() }

    /// How long a commit, a lookup or an invitation may run on its connection before the connection
    /// is given up as gone (see ``Gatekeeper``); a batch normally takes milliseconds.
    static let runningLimit: Duration = .seconds(10)

    /// For commits, lookups and invitations.
    var gate: Gatekeeper {
        Gatekeeper(client: client, location: location, wait: connectionWait, runningLimit: Self.runningLimit)
    }

    /// For reads of the whole chain, which take as long as the chain is long.
    var streamingGate: Gatekeeper {
        Gatekeeper(client: client, location: location, wait: connectionWait, runningLimit: nil)
    }

    // MARK: - RecordStore

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
        try await streamingGate.run { connection in
            try await Self.decodeAll(
                connection.query(
                    PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM attempts ORDER BY sequence"),
                    logger: Self.logger))
        }
    }

    public func records(person: String) async throws -> [AttemptRecord] {
        let person = person.lowercased()
        return try await gate.run { connection in
            try await Self.decodeAll(
                connection.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT \(Self.columns) FROM attempts WHERE person = $1 ORDER BY sequence",
                        binds: Self.binds(person)),
                    logger: Self.logger))
        }
    }

    public func trainingRecords(person: String, recentLimit: Int) async throws -> PersonTrainingRecords {
        let person = person.lowercased()
        let limit = Int64(max(0, recentLimit))
        return try await gate.run { connection in
            let latestPasses = try await Self.decodeAll(
                connection.query(
                    PostgresQuery(unsafeSQL: Self.latestPassesSQL, binds: Self.binds(person)), logger: Self.logger))
            var recentBinds = PostgresBindings()
            recentBinds.append(person)
            recentBinds.append(limit)
            let recent = try await Self.decodeAll(
                connection.query(
                    PostgresQuery(
                        unsafeSQL:
                            "SELECT \(Self.columns) FROM attempts WHERE person = $1 ORDER BY sequence DESC LIMIT $2",
                        binds: recentBinds),
                    logger: Self.logger))
            var total: Int64 = 0
            for try await count in try await connection.query(
                "SELECT count(*) FROM attempts WHERE person = \(person)", logger: Self.logger
            ).decode(Int64.self) {
                total = count
            }
            let acceptances = try await Self.decodeAll(
                connection.query(
                    PostgresQuery(unsafeSQL: Self.acceptancesSQL, binds: Self.binds(person)), logger: Self.logger))
            return PersonTrainingRecords(
                latestPasses: latestPasses, recent: recent.reversed(), total: Int(total), acceptances: acceptances)
        }
    }

    public func acceptances(person: String) async throws -> [AttemptRecord] {
        let person = person.lowercased()
        return try await gate.run { connection in
            try await Self.decodeAll(
                connection.query(
                    PostgresQuery(unsafeSQL: Self.acceptancesSQL, binds: Self.binds(person)), logger: Self.logger))
        }
    }

    static let acceptancesSQL =
        "SELECT \(columns) FROM attempts WHERE person = $1 AND kind = 'acceptance' ORDER BY sequence"

    /// The number of records stored.
    public func count() async throws -> Int {
        try await gate.run { connection in
            var total: Int64 = 0
            for try await count in try await connection.query("SELECT count(*) FROM attempts", logger: Self.logger)
                .decode(Int64.self)
            {
                total = count
            }
            return Int(total)
        }
    }

    /// Walks every record in sequence order (streamed from the server) with ``ChainVerifier``.
    public func verifyChain(expectedHead: String? = nil) async throws -> ChainVerification {
        try await streamingGate.run { connection in
            var verifier = ChainVerifier(expectedHead: expectedHead)
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.columns) FROM attempts ORDER BY sequence"),
                logger: Self.logger)
            for try await row in rows {
                // The rest of the rows are read (and dropped) after a problem: the stream must end.
                guard verifier.problem == nil else { continue }
                switch Self.decode(row) {
                case .success(let record): verifier.check(record)
                case .failure(let error):
                    verifier.reportUnreadable(sequence: error.sequence, id: error.id, error.reason)
                }
            }
            return verifier.finish()
        }
    }

    // MARK: - Writing

    /// Commits a batch in one transaction under the chain lock: the batch is gathered and the head
    /// read only after the lock is granted (callers who queued while another instance held it join
    /// this batch), each caller's attempts are chained in turn (import keys already stored, or
    /// repeated, are skipped), and all rows go in with one INSERT.
    static func commit(gathering gather: @escaping GroupCommitQueue.Gather, through gate: Gatekeeper) async throws
        -> [Result<[AttemptRecord], any Error>]
    {
        do {
            let outcomes = try await gate.run { connection in
                try await Self.inTransaction(connection) {
                    var (sequence, head) = try await lockedChainHead(connection)
                    let batch = await gather()
                    // The time is taken under the lock, so that it follows the chain on one host.
                    let now = UTCTimestamp.now().iso8601
                    let keys = batch.flatMap { $0.compactMap(\.importKey) }
                    var seenKeys = Set<String>()
                    if !keys.isEmpty {
                        for try await key in try await connection.query(
                            "SELECT import_key FROM attempts WHERE import_key = ANY(\(keys))", logger: logger
                        ).decode(String.self) {
                            seenKeys.insert(key)
                        }
                    }
                    var rows = InsertColumns()
                    var outcomes: [[AttemptRecord]] = []
                    outcomes.reserveCapacity(batch.count)
                    for attempts in batch {
                        var records: [AttemptRecord] = []
                        for attempt in attempts {
                            if let key = attempt.importKey, !seenKeys.insert(key).inserted { continue }
                            sequence += 1
                            let record = attempt.record(
                                sequence: sequence, id: UUID().uuidString.lowercased(), recordedAt: now,
                                previousHash: head)
                            head = record.hash
                            rows.append(record, importKey: attempt.importKey)
                            records.append(record)
                        }
                        outcomes.append(records)
                    }
                    if rows.count > 0 { try await rows.insert(on: connection) }
                    return outcomes
                }
            }
            return outcomes.map { .success($0) }
        } catch {
            throw RecordStoreError.unavailable(reason: PostgresFailure.reason(error, location: gate.location))
        }
    }

    /// `BEGIN`, the work, `COMMIT`; `ROLLBACK` when the work throws. `BEGIN` and `COMMIT` are
    /// prepared statements: a batch's round trips then carry no parsing.
    static func inTransaction<T>(_ connection: PostgresConnection, _ work: () async throws -> T) async throws -> T {
        _ = try await connection.execute(Begin(), logger: logger)
        do {
            let value = try await work()
            _ = try await connection.execute(Commit(), logger: logger)
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }

    struct Begin: PostgresPreparedStatement {
        static let name = "attest_begin"
        static let sql = "BEGIN"
        typealias Row = ()
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws {}
    }

    struct Commit: PostgresPreparedStatement {
        static let name = "attest_commit"
        static let sql = "COMMIT"
        typealias Row = ()
        func makeBindings() -> PostgresBindings { PostgresBindings() }
        func decodeRow(_ row: PostgresRow) throws {}
    }

    /// Takes the chain lock (held until the transaction ends) and then reads the chain head, in one
    /// round trip (migration "v7 chain head under the lock"); (0, "") for an empty chain.
    static func lockedChainHead(_ connection: PostgresConnection) async throws -> (sequence: Int64, hash: String) {
        var last: (Int64, String) = (0, "")
        for try await row in try await connection.execute(LockedChainHead(), logger: logger) { last = row }
        return last
    }

    /// `attest_lock_chain_head` as a prepared statement (parsed once per connection).
    struct LockedChainHead: PostgresPreparedStatement {
        static let name = "attest_lock_chain_head"
        static let sql = "SELECT head_sequence, head_hash FROM attest_lock_chain_head($1)"
        typealias Row = (Int64, String)
        func makeBindings() -> PostgresBindings {
            var binds = PostgresBindings()
            binds.append(PostgresRecordStore.chainLock)
            return binds
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    // MARK: - Reading

    static let columns = """
        sequence, id, person, quiz_id, quiz_content_sha256, policy_versions, answers, score_percent, passed, \
        recorded_at, identity_source, previous_hash, hash, kind
        """

    /// Each quiz's latest pass of one person ($1), in sequence order: one walk of the index
    /// `attempts_latest_pass` (recorded_at is ISO 8601 UTC in the C collation, so text order is
    /// time order; the later sequence breaks a tie).
    static let latestPassesSQL = """
        SELECT \(columns) FROM (
            SELECT DISTINCT ON (quiz_id) \(columns) FROM attempts
            WHERE person = $1 AND passed
            ORDER BY quiz_id, recorded_at DESC, sequence DESC) AS latest
        ORDER BY sequence
        """

    static func binds(_ text: String) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(text)
        return binds
    }

    static func decodeAll(_ rows: PostgresRowSequence) async throws -> [AttemptRecord] {
        var records: [AttemptRecord] = []
        for try await row in rows {
            switch decode(row) {
            case .success(let record): records.append(record)
            case .failure(let error):
                throw RecordStoreError.unreadableRecord(sequence: error.sequence, reason: error.reason)
            }
        }
        return records
    }

    /// Reads a row without trusting it: malformed JSON in a column gives an error, never a crash.
    static func decode(_ row: PostgresRow) -> Result<AttemptRecord, UnreadableRecordRow> {
        let cells = row.makeRandomAccess()
        return StoredRecordRow(
            text: { try? cells[$0].decode(String.self) },
            integer: { index in
                (try? cells[index].decode(Int64.self)) ?? (try? cells[index].decode(Int32.self)).map(Int64.init)
            },
            flag: { try? cells[$0].decode(Bool.self) }
        ).decode()
    }

    // MARK: - TLS

    /// NIOSSL's client configuration for the URL's sslmode; nil for `disable`.
    static func tlsConfiguration(_ location: PostgresLocation) throws -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable: return nil
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
            if let file = location.rootCertificateFile {
                guard FileManager.default.isReadableFile(atPath: file) else {
                    throw PostgresStoreFailure("cannot read the sslrootcert file '\(file)'")
                }
                configuration.trustRoots = .file(file)
            }
        }
        return configuration
    }
}

/// A reason already in plain words.
struct PostgresStoreFailure: RecordStoreErrorConvertible, CustomStringConvertible {
    var reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}
