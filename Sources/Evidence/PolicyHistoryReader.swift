import Foundation

/// Reads a policy's version history from git: each commit, oldest first, whose file gives a new
/// `version:` in its front matter. A file outside any git repository has no git history (nil); a
/// repository git cannot read is an error.
public enum PolicyHistoryReader {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The history of the file at `path`; nil when it is not in a git work tree.
    public static func history(ofFileAt path: String) throws -> [PolicyRevision]? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let directory = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard let inside = try? git(["rev-parse", "--is-inside-work-tree"], in: directory),
            inside.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
        else { return nil }
        // Unit and record separators keep author names and trailers apart whatever they hold.
        let log = try git(
            [
                "log", "--reverse",
                "--format=%H%x1f%aI%x1f%an <%ae>%x1f%(trailers:key=Approved-by,valueonly,separator=%x2C )%x1e",
                "--", name,
            ], in: directory)
        var revisions: [PolicyRevision] = []
        var previous: String?
        for entry in log.split(separator: "\u{1e}") {
            let fields = entry.trimmingCharacters(in: .whitespacesAndNewlines).split(
                separator: "\u{1f}", omittingEmptySubsequences: false
            ).map(String.init)
            guard fields.count == 4 else { continue }
            let text = try git(["show", "\(fields[0]):./\(name)"], in: directory)
            guard let version = frontMatterVersion(text), version != previous else { continue }
            previous = version
            let approved = fields[3].trimmingCharacters(in: .whitespacesAndNewlines)
            revisions.append(
                PolicyRevision(
                    version: version, date: fields[1], author: fields[2], commit: fields[0],
                    approvedBy: approved.isEmpty ? nil : approved))
        }
        return revisions
    }

    /// The `version:` of a policy file's front matter, unquoted.
    static func frontMatterVersion(_ text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        for line in lines.dropFirst() {
            if line.trimmingCharacters(in: .whitespaces) == "---" { break }
            guard line.hasPrefix("version:") else { continue }
            return line.dropFirst("version:".count).trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }

    static func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run git: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "git \(arguments.first ?? "") failed in '\(directory)': \(reason)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
