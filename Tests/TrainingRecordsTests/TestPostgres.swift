import Foundation
import PostgresNIO
import PostgresRecords
import TrainingRecords

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL server of this test run: a throwaway cluster started once by
/// Tests/PostgreSQL/cluster.sh (initdb under a temporary folder, a loopback port, run as a non-root
/// user) and removed when the test process exits. When it cannot start, every test that needs it
/// fails with the script's message: nothing is skipped.
actor TestPostgres {
    static let shared = TestPostgres()

    struct Server: Sendable {
        var directory: String
        var port: Int
        var password: String
    }

    /// Started once, by the first test that asks; the others wait for the same start.
    private var starting: Task<Server, any Error>?

    struct ClusterFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The running server (started on first use).
    func running() async throws -> Server {
        if starting == nil { starting = Task { try await Self.start() } }
        return try await starting!.value
    }

    /// A new, empty database on the server, as a location for a store (as the superuser).
    func freshDatabase() async throws -> PostgresLocation {
        let server = try await running()
        let name = "attest_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.withAdmin(server, database: "postgres") { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Self.logger)
        }
        return try Self.location(server, database: name)
    }

    /// `postgres://attest_admin:PASSWORD@127.0.0.1:PORT/DATABASE?sslmode=disable`.
    static func location(_ server: Server, database: String, password: String? = nil) throws -> PostgresLocation {
        var location = try PostgresLocation(
            url: "postgres://attest_admin@127.0.0.1:\(server.port)/\(database)?sslmode=disable")
        location.password = password ?? server.password
        return location
    }

    /// Runs `work` on a superuser connection to `database` (to arrange or tamper with data).
    @discardableResult
    static func withAdmin<T: Sendable>(
        _ server: Server, database: String, _ work: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: server.port, username: "attest_admin", password: server.password,
            database: database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let value = try await work(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static let logger = Logger(label: "attest.tests.postgres")

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("PostgreSQL/cluster.sh").path
    }

    private static func start() async throws(ClusterFailure) -> Server {
        let directory = "/tmp/attest-tests-pg-\(getpid())-\(UUID().uuidString.prefix(8))"
        let (status, output) = await run(["start", directory])
        guard status == 0, let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ClusterFailure(description: "the test PostgreSQL server did not start (cluster.sh start): \(output)")
        }
        guard let password = try? String(contentsOfFile: directory + "/password", encoding: .utf8) else {
            throw ClusterFailure(description: "the test cluster has no password file")
        }
        clusterDirectory = directory
        atexit {
            if let directory = clusterDirectory { TestPostgres.destroy(directory) }
        }
        return Server(
            directory: directory, port: port, password: password.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs cluster.sh on a thread of its own (not one of the few that run tests); its exit status
    /// and its output (standard output and error together, through a file: the server it starts
    /// must not hold a pipe open). `system()` waits with waitpid, whatever else the process does
    /// with child processes.
    static func run(_ arguments: [String]) async -> (Int32, String) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: runBlocking(arguments)) }
        }
    }

    static func runBlocking(_ arguments: [String]) -> (Int32, String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("attest-cluster-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let command = ([script] + arguments + [">", outputPath, "2>&1"]).map { word in
            word == ">" || word == "2>&1" ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        let status = system("bash " + command.joined(separator: " "))
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // system() returns a wait status: the exit code is in its second byte.
        return (status == -1 ? 127 : (status >> 8) & 0xFF, text)
    }

    /// Stops the cluster at once and removes its folder (at exit).
    static func destroy(_ directory: String) {
        _ = runBlocking(["destroy", directory])
    }
}

/// The cluster to remove at exit (read by the atexit handler, which cannot capture).
nonisolated(unsafe) private var clusterDirectory: String?
