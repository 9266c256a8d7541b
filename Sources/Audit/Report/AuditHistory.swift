import Foundation
import HandbookContent

/// The `--history` file: one JSON object per line, one line per run, oldest first.
public enum AuditHistory {
    /// Parses the history file's text; a bad line is an error at its line.
    public static func parse(_ text: String, path: String) -> (entries: [HistoryEntry], diagnostics: [Diagnostic]) {
        var entries: [HistoryEntry] = []
        var diagnostics: [Diagnostic] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            do {
                entries.append(try decoder.decode(HistoryEntry.self, from: Data(trimmed.utf8)))
            } catch {
                diagnostics.append(
                    .error(
                        "not a history entry (a JSON object with as_of, generated_at, passed, warned, failed, fail_findings, warn_findings)",
                        at: SourceLocation(path: path, line: index + 1)))
            }
        }
        return (entries, diagnostics)
    }

    /// The line to append for `entry`, with a final newline; keys sorted.
    public static func line(for entry: HistoryEntry) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(entry)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension AuditHistory {
    /// Appends `entry` as a line to the history file at `path` (created when missing).
    public static func append(_ entry: HistoryEntry, to path: String) throws {
        let line = Data(Self.line(for: entry).utf8)
        if !FileManager.default.fileExists(atPath: path) {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
    }
}
