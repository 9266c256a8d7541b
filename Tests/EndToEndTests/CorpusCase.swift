import Foundation
import Testing

/// One malformed input of the bad-input corpus: a folder under Corpus/cases holding an overlay
/// `tree/` (copied over the fixture handbook) and an `expected` file:
///
///     # what the case is about
///     command: build                       (arguments after `attest`; `--root ROOT` is appended)
///     exit: 2
///     error: content/policies/x.md:4 | unknown check     (a stderr line starting `path:line:` with `error:` and the phrase)
///
/// or, for the HTTP API (the server runs with --dev-identity on the fixture):
///
///     request: POST /api/v1/attempts
///     content-type: application/json
///     body: {"quiz": "nope", …}            (or body-file: NAME beside `expected`, or body-size: BYTES)
///     status: 404
///     message: unknown quiz                (a phrase of the response body)
///
/// `known-bug: TEXT` marks a case whose expectation is right but which Attest fails today (reported
/// to the team): its failures are recorded as a known issue, and the test fails once the bug is fixed
/// so that the line is removed.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    /// An expected diagnostic: the `path:line` prefix (or `path:line:column`) and a phrase of its message.
    struct ExpectedDiagnostic: Sendable, CustomStringConvertible {
        var location: String
        var phrase: String
        var description: String { "\(location): error: …\(phrase)…" }

        /// Whether `line` is this diagnostic.
        func matches(_ line: String) -> Bool {
            guard line.hasPrefix(location + ":") else { return false }
            let rest = line.dropFirst(location.count)
            return rest.contains(" error: ") && rest.lowercased().contains(phrase.lowercased())
        }
    }

    /// An HTTP request to send to `attest serve`.
    struct Request: Sendable {
        var method: String
        var path: String
        var contentType: String?
        var body: Data?
    }

    var name: String
    var folder: URL
    var arguments: [String] = []
    var exitCode: Int32?
    var diagnostics: [ExpectedDiagnostic] = []
    var request: Request?
    var status: Int?
    var message: String?
    /// A reported bug that makes this case fail today.
    var knownBug: String?

    var testDescription: String { name }

    /// The overlay copied over the fixture handbook, if the case has one.
    var tree: URL? {
        let url = folder.appendingPathComponent("tree")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static let casesDirectory = AttestExecutable.corpusDirectory.appendingPathComponent("cases")

    /// Every case, by folder name. A case whose `expected` cannot be read is still returned, so that its test fails.
    static let all: [CorpusCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { name in
            let folder = casesDirectory.appendingPathComponent(name)
            return (try? CorpusCase(name: name, folder: folder)) ?? CorpusCase(unreadable: name, folder: folder)
        }
    }()

    private init(unreadable name: String, folder: URL) {
        self.name = name
        self.folder = folder
    }

    init(name: String, folder: URL) throws {
        self.name = name
        self.folder = folder
        let text = try String(contentsOf: folder.appendingPathComponent("expected"), encoding: .utf8)
        var method: String?, path: String?, contentType: String?, body: Data?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw Malformed(description: "\(name)/expected:\(index + 1): expected `key: value`")
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "command": arguments = value.split(separator: " ").map(String.init)
            case "exit": exitCode = Int32(value)
            case "error":
                let parts = value.components(separatedBy: " | ")
                guard parts.count == 2 else {
                    throw Malformed(description: "\(name)/expected:\(index + 1): expected `error: path:line | phrase`")
                }
                diagnostics.append(ExpectedDiagnostic(location: parts[0], phrase: parts[1]))
            case "request":
                let parts = value.split(separator: " ")
                method = parts.first.map(String.init)
                path = parts.count > 1 ? String(parts[1]) : nil
            case "content-type": contentType = value
            case "body": body = Data(value.utf8)
            case "body-file": body = try Data(contentsOf: folder.appendingPathComponent(value))
            case "body-size":
                // A valid submission padded to the size: only its size is wrong.
                let size = Int(value) ?? 0
                let head = #"{"quiz": "key-basics", "answers": {"1": ["b"], "2": ["a", "c"]}, "padding": ""#
                body = Data((head + String(repeating: "x", count: max(0, size - head.utf8.count - 2)) + "\"}").utf8)
            case "status": status = Int(value)
            case "message": message = value
            case "known-bug": knownBug = value
            default: throw Malformed(description: "\(name)/expected:\(index + 1): unknown key '\(key)'")
            }
        }
        if let method, let path {
            request = Request(method: method, path: path, contentType: contentType, body: body)
        }
    }

    /// Whether the `expected` file says enough to run the case.
    var isWellFormed: Bool {
        if request != nil { return status != nil }
        return !arguments.isEmpty && exitCode != nil && !diagnostics.isEmpty
    }
}
