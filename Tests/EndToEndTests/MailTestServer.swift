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
        let deadline = Date().addingTimeInterval(20)
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

    /// Runs a program (openssl, python3) and returns its exit code and output.
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
