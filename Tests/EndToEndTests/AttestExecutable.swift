import Foundation

/// The built `attest` binary (`.build/debug/attest` under the package root), run as a subprocess.
struct AttestExecutable: Sendable {
    /// The package root, found from this file's path (Tests/EndToEndTests/AttestExecutable.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Tests/EndToEndTests/Corpus in the source tree.
    static let corpusDirectory: URL = packageRoot.appendingPathComponent("Tests/EndToEndTests/Corpus")

    /// The binary; `swift build --build-tests` builds it before the tests run.
    static let url: URL = packageRoot.appendingPathComponent(".build/debug/attest")

    struct Missing: Error, CustomStringConvertible {
        var description: String { "\(AttestExecutable.url.path) not found: run `swift build --build-tests` first" }
    }

    /// Runs `attest arguments` in `directory` and waits for it (killing it after `timeout` seconds).
    /// Output goes to files beside nothing under test, so a chatty process never blocks on a pipe.
    static func run(
        _ arguments: [String], in directory: URL, timeout: Double = 120, environment: [String: String] = [:],
        standardInput: URL? = nil
    ) async throws -> ProcessOutcome {
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw Missing() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "attest-e2e-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout"), stderrURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        process.standardInput = try standardInput.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env

        let watch = ProcessWatch()
        let exitCode: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                watch.markFinished()
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watch.killIfRunning(pid) }
        }
        let stdout = String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        let status = process.terminationReason == .uncaughtSignal ? -exitCode : exitCode
        return ProcessOutcome(exitCode: status, stdout: stdout, stderr: stderr)
    }
}
