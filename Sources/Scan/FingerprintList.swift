import Foundation
import HandbookContent

/// Fingerprints read from a `.gitleaksignore` (one a line; `#` starts a comment) at a scanned root.
enum FingerprintList {
    /// The fingerprints of `folder/.gitleaksignore` (none when there is no such file).
    static func gitleaksIgnore(in folder: URL, shownAs shown: String) -> (Set<String>, [Diagnostic]) {
        let url = folder.appendingPathComponent(".gitleaksignore")
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], []) }
        let shownPath = shown == "." ? ".gitleaksignore" : (shown as NSString).appendingPathComponent(".gitleaksignore")
        guard let data = try? Data(contentsOf: url) else {
            return ([], [.error("cannot read this file", at: SourceLocation(path: shownPath))])
        }
        return (parse(String(decoding: data, as: UTF8.self)), [])
    }

    /// The fingerprints in `text`.
    static func parse(_ text: String) -> Set<String> {
        var result: Set<String> = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            result.insert(trimmed)
        }
        return result
    }
}
