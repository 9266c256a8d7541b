import Foundation
import PostgresNIO
import Testing

@testable import PostgresRecords
@testable import TrainingRecords

/// What only the PostgreSQL store has: start-up checks, the server's guards, the shared signing
/// key and copies from SQLite. The behaviour every store shares is in ``RecordStoreTests``.
@Suite struct PostgresRecordStoreTests {
    @Test func aDatabaseOfAnotherApplicationIsRefusedAndLeftAsItWas() async throws {
        let location = try await TestPostgres.shared.freshDatabase()
        let server = try await TestPostgres.shared.running()
        try await TestPostgres.withAdmin(server, database: location.database) { connection in
            try await connection.query("CREATE TABLE customers (id int)", logger: TestPostgres.logger)
        }
        await #expect(
            throws: RecordStoreError.cannotOpen(
                path: location.display,
                reason: "the database holds tables of another application (customers) and no Attest records; "
                    + "give Attest a database of its own")
        ) {
            try await PostgresRecordStore.open(location)
        }
        let tables = try await Self.tables(location)
        #expect(tables == ["customers"], "nothing was written")
    }

    @Test func aSchemaNewerThanThisAttestIsRefused() async throws {
        let location = try await TestPostgres.shared.freshDatabase()
        try await PostgresRecordStore.open(location).close()
        let server = try await TestPostgres.shared.running()
        try await TestPostgres.withAdmin(server, database: location.database) { connection in
            try await connection.query(
                "INSERT INTO attest_schema_migrations (version, name) VALUES (99, 'v99 future')",
                logger: TestPostgres.logger)
        }
        await #expect(
            throws: RecordStoreError.cannotOpen(
                path: location.display,
                reason:
                    "its schema is version 99, newer than this attest knows (\(PostgresRecordStore.migrations.count)); upgrade attest"
            )
        ) {
            try await PostgresRecordStore.open(location)
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() async throws {
        var location = try await TestPostgres.shared.freshDatabase()
        location.password = "not-the-password-4711"
        do {
            _ = try await PostgresRecordStore.open(location)
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.description.contains("refused the login of 'attest_admin'"), "\(error)")
            #expect(!error.description.contains("4711"))
            #expect(!location.display.contains("4711"))
        }
    }

    @Test func anUnreachableServerIsRefused() async throws {
        let location = try PostgresLocation(url: "postgres://attest@127.0.0.1:1/attest?sslmode=disable")
        do {
            _ = try await PostgresRecordStore.open(location)
            Issue.record("an unreachable server was accepted")
        } catch {
            #expect(error.description.contains("cannot connect to PostgreSQL at 127.0.0.1:1"), "\(error)")
        }
    }

    @Test func aMissingDatabaseAndAnEmptyOneAreNamed() async throws {
        let server = try await TestPostgres.shared.running()
        let missing = try TestPostgres.location(server, database: "no_such_database")
        await #expect(
            throws: RecordStoreError.cannotOpen(
                path: missing.display,
                reason: "the database 'no_such_database' does not exist on 127.0.0.1:\(server.port)")
        ) {
            try await PostgresRecordStore.open(missing)
        }
        let empty = try await TestPostgres.shared.freshDatabase()
        await #expect(throws: RecordStoreError.notFound(path: empty.display)) {
            try await PostgresRecordStore.open(empty, createIfMissing: false)
        }
        #expect(try await Self.tables(empty).isEmpty, "reading creates nothing")
    }

    @Test func rowsCannotBeUpdatedDeletedOrTruncatedByAccident() async throws {
        let location = try await TestPostgres.shared.freshDatabase()
        let store = try await PostgresRecordStore.open(location)
        _ = try await store.append(Fixtures.attempt())
        try await store.close()
        let server = try await TestPostgres.shared.running()
        for statement in ["UPDATE attempts SET passed = false", "DELETE FROM attempts", "TRUNCATE attempts"] {
            await #expect(throws: PSQLError.self) {
                try await TestPostgres.withAdmin(server, database: location.database) { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestPostgres.logger)
                }
            }
        }
    }

    @Test func verifyNamesARecordEditedBehindTheStoresBack() async throws {
        let location = try await TestPostgres.shared.freshDatabase()
        let store = try await PostgresRecordStore.open(location)
        for index in 0..<5 { _ = try await store.append(Fixtures.attempt(person: "v\(index)@example.com")) }
        let server = try await TestPostgres.shared.running()
        try await TestPostgres.withAdmin(server, database: location.database) { connection in
            try await connection.query(
                "ALTER TABLE attempts DISABLE TRIGGER attempts_no_update", logger: TestPostgres.logger)
            try await connection.query(
                "UPDATE attempts SET score_percent = 0 WHERE sequence = 3", logger: TestPostgres.logger)
        }
        let verification = try await store.verifyChain()
        #expect(verification.problem?.kind == .edited)
        #expect(verification.problem?.sequence == 3)
        #expect(verification.recordCount == 2)
        try await store.close()
    }

    /// A database migrated before acceptances existed (schema v4, no `kind` column) gets the column,
    /// its records verify as before, and its chain goes on with acceptances.
    @Test func aChainFromBeforeAcceptancesIsMigratedAndContinues() async throws {
        let location = try await TestPostgres.shared.freshDatabase()
        let store = try await PostgresRecordStore.open(location)
        for index in 0..<3 { _ = try await store.append(Fixtures.attempt(person: "o\(index)@example.com")) }
        let head = try await store.verifyChain().head
        try await store.close()
        let server = try await TestPostgres.shared.running()
        try await TestPostgres.withAdmin(server, database: location.database) { connection in
            for statement in [
                "DROP INDEX attempts_acceptances", "ALTER TABLE attempts DROP COLUMN kind",
                "DELETE FROM attest_schema_migrations WHERE version = 5",
            ] {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestPostgres.logger)
            }
        }
        let migrated = try await PostgresRecordStore.open(location, createIfMissing: false)
        #expect(try await migrated.allRecords().map(\.kind) == [.attempt, .attempt, .attempt])
        #expect(try await migrated.verifyChain(expectedHead: head).isIntact)
        let accepted = try await migrated.append(Fixtures.acceptance())
        #expect(accepted.previousHash == head)
        #expect(try await migrated.verifyChain(expectedHead: accepted.hash).recordCount == 4)
        try await migrated.close()
    }

    @Test func everyInstanceGetsTheSameSigningKey() async throws {
        let location = try await TestPostgres.shared.freshDatabase()
        let first = try await PostgresRecordStore.open(location)
        let second = try await PostgresRecordStore.open(location)
        async let one = first.sharedSigningKey()
        async let two = second.sharedSigningKey()
        let (a, b) = try await (one, two)
        #expect(a.count == 32)
        #expect(a == b)
        #expect(try await first.sharedSigningKey() == a)
        try await first.close()
        try await second.close()
    }

    /// The records of a SQLite file, copied as they are: the same records, the same head, and the
    /// chain continues with the next append.
    @Test func aSQLiteChainContinuesOnPostgreSQL() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let sqlite = try SQLiteRecordStore(path: folder.file("records.sqlite"))
        for index in 0..<7 { _ = try await sqlite.append(Fixtures.attempt(person: "m\(index)@example.com")) }
        _ = try await sqlite.append(contentsOf: [Fixtures.attempt(recordedAt: "2026-01-01", importKey: "imp:1")])
        _ = try await sqlite.append(Fixtures.acceptance(person: "m1@example.com"))
        let entries = try await sqlite.chainEntries()
        #expect(entries.last?.record.kind == .acceptance)
        let head = try await sqlite.verifyChain().head

        let store = try await PostgresRecordStore.open(try await TestPostgres.shared.freshDatabase())
        try await store.appendCopies(Array(entries.prefix(3)))
        try await store.appendCopies(Array(entries.dropFirst(3)))
        #expect(try await store.chainEntries() == entries)
        let verification = try await store.verifyChain(expectedHead: head)
        #expect(verification.isIntact)
        #expect(verification.head == head)
        // A copy that does not follow the head is refused whole.
        await #expect(throws: RecordStoreError.self) { try await store.appendCopies(Array(entries.prefix(2))) }
        // Import keys came along; the chain goes on.
        #expect(try await store.append(contentsOf: [Fixtures.attempt(importKey: "imp:1")]).isEmpty)
        let next = try await store.append(Fixtures.attempt(person: "after@example.com"))
        #expect(next.sequence == Int64(entries.count + 1))
        #expect(next.previousHash == head)
        #expect(try await store.verifyChain().isIntact)
        try await store.close()
        try sqlite.close()
    }

    @Test func urlsAreParsedAndShownWithoutPassword() throws {
        let full = try PostgresLocation(
            url: "postgresql://ana:s%40cret@db.example.com:6543/records?sslmode=verify-full")
        #expect(full.user == "ana")
        #expect(full.password == "s@cret")
        #expect(full.host == "db.example.com")
        #expect(full.port == 6543)
        #expect(full.database == "records")
        #expect(full.sslMode == .verifyFull)
        #expect(full.display == "postgres://ana@db.example.com:6543/records?sslmode=verify-full")
        let plain = try PostgresLocation(url: "postgres://attest@[::1]/attest")
        #expect(plain.host == "::1")
        #expect(plain.port == 5432)
        #expect(plain.sslMode == .prefer)
        #expect(plain.password == nil)
        for bad in [
            "postgres://host/db", "postgres://u:pw@host", "postgres://u:pw@host:99999/db",
            "postgres://u:pw@host/db?sslmode=maybe", "postgres://u:pw@host/db?password=x",
        ] {
            #expect(throws: PostgresLocation.ParseError.self) { try PostgresLocation(url: bad) }
            do {
                _ = try PostgresLocation(url: bad)
            } catch {
                #expect(!error.description.contains(":pw@"), "no password in: \(error)")
            }
        }
    }

    /// The test server offers TLS with a self-signed certificate for localhost (cluster.sh).
    @Test func tlsIsUsedWhenAskedAndTheCertificateCheckedWithVerifyFull() async throws {
        let server = try await TestPostgres.shared.running()
        let database = try await TestPostgres.shared.freshDatabase().database
        func location(_ host: String, _ query: String) throws -> PostgresLocation {
            var location = try PostgresLocation(
                url: "postgres://attest_admin@\(host):\(server.port)/\(database)?\(query)")
            location.password = server.password
            return location
        }
        for (query, expected) in [
            ("sslmode=disable", false), ("sslmode=require", true), ("sslmode=prefer", true),
            ("sslmode=verify-full&sslrootcert=\(server.directory)/server.crt", true),
        ] {
            let store = try await PostgresRecordStore.open(try location("localhost", query))
            #expect(try await Self.usesTLS(store) == expected, "\(query)")
            try await store.close()
        }
        // A certificate that no trusted root signed is refused with verify-full, before anything is written.
        let untrusted = try location("localhost", "sslmode=verify-full")
        do {
            _ = try await PostgresRecordStore.open(untrusted)
            Issue.record("an untrusted certificate was accepted with verify-full")
        } catch {
            #expect(
                error.description.contains("the server's certificate is not signed by a trusted root"), "\(error)")
        }
        let missing = try location("localhost", "sslmode=verify-full&sslrootcert=/nonexistent/root.crt")
        await #expect(
            throws: RecordStoreError.cannotOpen(
                path: missing.display, reason: "cannot read the sslrootcert file '/nonexistent/root.crt'")
        ) {
            try await PostgresRecordStore.open(missing)
        }
    }

    static func usesTLS(_ store: PostgresRecordStore) async throws -> Bool {
        try await store.gate.run { connection in
            var ssl = false
            for try await value in try await connection.query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: TestPostgres.logger
            ).decode(Bool.self) {
                ssl = value
            }
            return ssl
        }
    }

    static func tables(_ location: PostgresLocation) async throws -> [String] {
        let server = try await TestPostgres.shared.running()
        return try await TestPostgres.withAdmin(server, database: location.database) { connection in
            var names: [String] = []
            for try await name in try await connection.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
                logger: TestPostgres.logger
            ).decode(String.self) {
                names.append(name)
            }
            return names
        }
    }
}
