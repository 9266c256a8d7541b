import PostgresNIO
import TrainingRecords

extension PostgresRecordStore {
    /// The schema, one migration per change, numbered from 1 and recorded in
    /// `attest_schema_migrations`; never edit a migration that has shipped. v1–v3 and v5 match
    /// ``SQLiteRecordStore``'s migrations of the same names (SQLite's v4).
    static let migrations: [(name: String, statements: [String])] = [
        (
            "v1 attempts",
            [
                // One row per attempt, the same columns as in SQLite. `policy_versions` and `answers`
                // hold canonical JSON as text (the hashed bytes, not jsonb). `recorded_at` compares
                // in the C collation so that text order is time order on any server locale.
                """
                CREATE TABLE attempts (
                    sequence BIGINT PRIMARY KEY CHECK (sequence > 0),
                    id TEXT NOT NULL UNIQUE,
                    person TEXT NOT NULL,
                    quiz_id TEXT NOT NULL,
                    quiz_content_sha256 TEXT NOT NULL,
                    policy_versions TEXT NOT NULL,
                    answers TEXT NOT NULL,
                    score_percent INTEGER NOT NULL,
                    passed BOOLEAN NOT NULL,
                    recorded_at TEXT COLLATE "C" NOT NULL,
                    identity_source TEXT NOT NULL,
                    import_key TEXT UNIQUE,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                )
                """,
                "CREATE INDEX attempts_by_person ON attempts (person, sequence)",
                // Append-only: a guard against accidents. Deliberate tampering is what the hash chain shows.
                """
                CREATE FUNCTION attest_records_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'training records are append-only'; END $$
                """,
                """
                CREATE TRIGGER attempts_no_update BEFORE UPDATE OR DELETE ON attempts
                    FOR EACH ROW EXECUTE FUNCTION attest_records_are_append_only()
                """,
                """
                CREATE TRIGGER attempts_no_truncate BEFORE TRUNCATE ON attempts
                    FOR EACH STATEMENT EXECUTE FUNCTION attest_records_are_append_only()
                """,
            ]
        ),
        (
            "v2 latest pass per quiz",
            ["CREATE INDEX attempts_latest_pass ON attempts (person, quiz_id, passed, recorded_at, sequence)"]
        ),
        (
            "v3 invitation redemptions",
            [
                """
                CREATE TABLE invitation_redemptions (
                    id TEXT PRIMARY KEY,
                    person TEXT NOT NULL,
                    redeemed_at TEXT NOT NULL,
                    expires BIGINT NOT NULL
                )
                """
            ]
        ),
        (
            "v4 shared settings",
            [
                // What every instance must share besides the records: the key that signs sessions,
                // form tokens and invitation links (unless --signing-key-file is given).
                "CREATE TABLE attest_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
            ]
        ),
        (
            "v5 record kind",
            [
                // Policy acceptances join the attempts in the same table and hash chain; earlier rows
                // are attempts.
                "ALTER TABLE attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'attempt' CHECK (kind IN ('attempt', 'acceptance'))",
                "CREATE INDEX attempts_acceptances ON attempts (person, sequence) WHERE kind = 'acceptance'",
            ]
        ),
        (
            "v6 reminder ledger",
            [
                // Matches SQLite's "v5 reminder ledger": one row per reminder message, claimed before
                // it is sent. Not part of the attempts' hash chain.
                """
                CREATE TABLE reminder_ledger (
                    channel TEXT NOT NULL,
                    recipient TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    items TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed')),
                    claimed_at TEXT COLLATE "C" NOT NULL,
                    finished_at TEXT,
                    detail TEXT,
                    attempts INTEGER NOT NULL,
                    PRIMARY KEY (channel, recipient, digest)
                )
                """
            ]
        ),
        (
            "v7 chain head under the lock",
            [
                // One round trip where a commit took two: takes the chain lock, then reads the head.
                // The SELECT is a separate statement of a VOLATILE function, so under READ COMMITTED
                // it takes its snapshot after the lock was granted and sees the batch that the
                // previous holder committed (a lock is released only once its commit is visible).
                """
                CREATE FUNCTION attest_lock_chain_head(lock_key BIGINT)
                    RETURNS TABLE (head_sequence BIGINT, head_hash TEXT) LANGUAGE plpgsql VOLATILE AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(lock_key);
                    RETURN QUERY SELECT a.sequence, a.hash FROM attempts a ORDER BY a.sequence DESC LIMIT 1;
                END $$
                """
            ]
        ),
    ]

    /// On one connection, in one transaction under the schema lock (instances starting together
    /// migrate once): refuses a database of another application or with a newer schema, else
    /// applies the missing migrations.
    static func prepareSchema(_ location: PostgresLocation, tls: TLSConfiguration?, createIfMissing: Bool) async throws
    {
        var connectionTLS = PostgresConnection.Configuration.TLS.disable
        if let tls {
            let context = try NIOSSLContext(configuration: tls)
            connectionTLS = location.sslMode == .prefer ? .prefer(context) : .require(context)
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: connectionTLS)
        configuration.options.connectTimeout = .seconds(10)
        let connection = try await PostgresConnection.connect(
            configuration: configuration, id: 1, logger: logger)
        defer { Task { try? await connection.close() } }
        try await inTransaction(connection) {
            try await connection.query("SELECT pg_advisory_xact_lock(\(schemaLock))", logger: logger)
            var applied: [Int32] = []
            if try await hasTable("attest_schema_migrations", connection) {
                for try await version in try await connection.query(
                    "SELECT version FROM attest_schema_migrations ORDER BY version", logger: logger
                ).decode(Int32.self) {
                    applied.append(version)
                }
            } else {
                var others: [String] = []
                for try await name in try await connection.query(
                    """
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                    ORDER BY c.relname LIMIT 4
                    """, logger: logger
                ).decode(String.self) {
                    others.append(name)
                }
                if !others.isEmpty {
                    let shown = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
                    throw RecordStoreError.cannotOpen(
                        path: location.display,
                        reason: "the database holds tables of another application (\(shown)) and no Attest "
                            + "records; give Attest a database of its own")
                }
                guard createIfMissing else { throw RecordStoreError.notFound(path: location.display) }
                try await connection.query(
                    """
                    CREATE TABLE attest_schema_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL,
                        applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """, logger: logger)
            }
            if let newest = applied.max(), Int(newest) > migrations.count {
                throw RecordStoreError.cannotOpen(
                    path: location.display,
                    reason: "its schema is version \(newest), newer than this attest knows (\(migrations.count)); "
                        + "upgrade attest")
            }
            for (index, migration) in migrations.enumerated() where !applied.contains(Int32(index + 1)) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                let version = Int32(index + 1)
                try await connection.query(
                    "INSERT INTO attest_schema_migrations (version, name) VALUES (\(version), \(migration.name))",
                    logger: logger)
            }
        }
    }

    static func hasTable(_ name: String, _ connection: PostgresConnection) async throws -> Bool {
        var found = false
        for try await exists in try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relname = \(name))
            """, logger: logger
        ).decode(Bool.self) {
            found = exists
        }
        return found
    }
}
