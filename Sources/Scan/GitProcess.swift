import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `git` process run in a repository, its standard output read as a stream of bytes (never held
/// whole) and its standard error kept in a file, read once it has exited.
final class GitProcess: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let input: Pipe?
    private let errorFile: URL
    /// Standard output, read in blocks.
    let reader: ByteStreamReader

    /// Starts `git -C repository arguments…`; `writesInput`: standard input is a pipe (``write(_:)``).
    init(repository: String, arguments: [String], writesInput: Bool = false) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository] + arguments
        var environment = ProcessInfo.processInfo.environment
        // The repository named, not one that the environment points at; no pager, no prompts.
        for name in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE"] {
            environment[name] = nil
        }
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        process.standardOutput = output
        input = writesInput ? Pipe() : nil
        process.standardInput = input ?? FileHandle.nullDevice
        errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("attest-git-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardError = errorHandle
        reader = ByteStreamReader(fileDescriptor: output.fileHandleForReading.fileDescriptor)
        do {
            try process.run()
        } catch {
            try? errorHandle.close()
            try? FileManager.default.removeItem(at: errorFile)
            throw error
        }
        try? errorHandle.close()
        try? output.fileHandleForWriting.close()
        try? input?.fileHandleForReading.close()
    }

    /// Writes `bytes` to git's standard input (blocking while the pipe is full).
    func write(_ bytes: [UInt8]) {
        guard let fd = input?.fileHandleForWriting.fileDescriptor else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Closes git's standard input: it finishes what it was given.
    func closeInput() { try? input?.fileHandleForWriting.close() }

    /// Waits for git to exit: its status and what it wrote to standard error.
    func finish() -> (status: Int32, error: String) {
        // Drain what is left so that git never blocks on a full pipe.
        while reader.fill() {}
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
        let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errorFile)
        return (process.terminationStatus, message.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs `git -C repository arguments…` to the end: its status, standard output and standard error.
    static func run(repository: String, arguments: [String]) throws -> (status: Int32, output: [UInt8], error: String) {
        let git = try GitProcess(repository: repository, arguments: arguments)
        var output: [UInt8] = []
        while let chunk = git.reader.nextChunk() { output.append(contentsOf: chunk) }
        let (status, error) = git.finish()
        return (status, output, error)
    }
}
