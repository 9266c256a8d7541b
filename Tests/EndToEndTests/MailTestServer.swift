import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Python test server from Tests/Mail (aiosmtpd with STARTTLS and AUTH, an SMTP server that drops
/// the connection mid-message, a webhook receiver), run as a subprocess on a free loopback port.
/// A missing python3 or aiosmtpd fails the test (the script exits with what to install).
final class MailTestServer: @unchecked Sendable {
    static let scripts = AttestExecutable.packageRoot.appendingPathComponent("Tests/Mail")

    let port: Int
    let folder: URL
    private let process: Process
    private let outputURL: URL

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `python3 Tests/Mail/SCRIPT arguments…` (`{folder}` in them stands for `folder`, where
    /// the server writes what it receives) and waits for its `PORT n` line.
    init(script: String, arguments: [String], folder: URL) async throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outputURL = folder.deletingLastPathComponent().appendingPathComponent(
            "\(folder.lastPathComponent)-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Self.scripts.appendingPathComponent(script).path]
            + arguments.map { $0 == "{folder}" ? folder.path : $0 }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Generous: Python, aiosmtpd and a certificate made with openssl start slowly while the whole suite runs.
        let deadline = Date().addingTimeInterval(90)
        var found: Int?
        while Date() < deadline {
            let text = String(decoding: (try? Data(contentsOf: outputURL)) ?? Data(), as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }) {
                found = Int(line.dropFirst(5))
                break
            }
            guard process.isRunning else { break }
            try await Task.sleep(nanoseconds: 50_000_000)  // polling a subprocess for readiness
        }
        guard let found else {
            let text = String(decoding: (try? Data(contentsOf: outputURL)) ?? Data(), as: UTF8.self)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            throw StartFailure(description: "Tests/Mail/\(script) did not start:\n\(text)")
        }
        port = found
    }

    /// The files the server wrote with this extension, sorted by name.
    func files(_ suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Kills the server (SIGKILL: the test runner's children may inherit an ignored SIGTERM) and
    /// waits for it.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// Runs a program (openssl, python3, cluster.sh) and returns its exit code and output. Spawned and
    /// waited for with posix_spawn and waitpid (Foundation's Process did not notice cluster.sh
    /// ending, which leaves PostgreSQL running); the output goes to a file, not a pipe, which that
    /// server would keep open.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-e2e-run-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw StartFailure(description: "cannot run \(arguments.joined(separator: " ")): error \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        let output = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        // The exit code when it exited, else 128 + the signal that ended it.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, output)
    }
}
