import Foundation
import HandbookContent
import Secrets

/// Reads a `report.json` that `attest scan` wrote: for `--baseline` (its fingerprints) and for
/// `attest audit --exposures` (its findings). Anything else is a diagnostic naming the file.
public enum ScanReportReader {
    /// The findings of the report at `url` (shown as `path`), or nil with an error.
    public static func read(url: URL, path: String) -> (findings: [ScanFinding]?, diagnostics: [Diagnostic]) {
        guard let data = try? Data(contentsOf: url) else {
            return (nil, [.error("cannot read this file: no such file, or not readable", at: nil).at(path)])
        }
        return read(bytes: [UInt8](data), path: path)
    }

    /// The findings of the report `bytes` (shown as `path`), or nil with an error.
    public static func read(bytes: [UInt8], path: String) -> (findings: [ScanFinding]?, diagnostics: [Diagnostic]) {
        func fail(_ message: String, line: Int = 1, column: Int = 1) -> ([ScanFinding]?, [Diagnostic]) {
            (nil, [.error(message, at: SourceLocation(path: path, line: line, column: column))])
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let (line, column) = position(of: error, in: bytes)
            return fail("not a scan report: invalid JSON", line: line, column: column)
        }
        guard let root = object as? [String: Any] else { return fail("not a scan report: expected a JSON object") }
        guard let version = root["format_version"] as? Int else {
            return fail("not a scan report of attest: no 'format_version'")
        }
        guard version == ScanReport.formatVersion else {
            return fail("scan report format_version \(version) is not supported (expected \(ScanReport.formatVersion))")
        }
        guard let items = root["findings"] as? [Any] else { return fail("not a scan report: no 'findings' list") }
        var findings: [ScanFinding] = []
        for (index, item) in items.enumerated() {
            guard let entry = item as? [String: Any], let rule = entry["rule"] as? String,
                let sha = entry["secret_sha256"] as? String, let findingPath = entry["path"] as? String,
                let line = entry["line"] as? Int, let column = entry["column"] as? Int,
                let severityName = entry["severity"] as? String, let severity = SecretSeverity(rawValue: severityName)
            else {
                let line = lineOfFinding(index, in: bytes)
                return fail(
                    "finding \(index + 1) lacks one of rule, severity, secret_sha256, path, line, column", line: line)
            }
            let commit = entry["commit"] as? String
            let time = (commit == nil ? entry["file_modified_at"] : entry["author_time"]) as? String
            findings.append(
                ScanFinding(
                    ruleID: rule, ruleTitle: entry["title"] as? String ?? rule, severity: severity,
                    isSecret: entry["secret"] as? Bool ?? true, redacted: entry["redacted"] as? String ?? "",
                    sha256: sha, target: entry["target"] as? String ?? ".", path: findingPath, line: line,
                    column: column, commit: commit, seenAt: time.flatMap(seconds),
                    stillAtHead: entry["still_at_head"] as? Bool))
        }
        return (findings, [])
    }

    /// Seconds since 1970 of an ISO 8601 UTC time as the reports write it.
    static func seconds(_ text: String) -> Int64? {
        guard let timestamp = ISO8601DateTime(parsing: text) else { return nil }
        return timestamp.millisecondsSince1970 / 1000
    }

    /// The line and column an error of JSONSerialization points at (its "character N" or "line L,
    /// column C"), else 1:1.
    static func position(of error: Error, in bytes: [UInt8]) -> (Int, Int) {
        let description = "\((error as NSError).userInfo)"
        if let index = number(after: "character ", in: description) {
            var line = 1, column = 1
            for byte in bytes.prefix(index) {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
            return (line, column)
        }
        if let line = number(after: "line ", in: description) {
            return (line, number(after: "column ", in: description) ?? 1)
        }
        return (1, 1)
    }

    private static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// The line where the `index`th finding's object starts: the `{` at depth 2 after `"findings"`
    /// (strings skipped).
    static func lineOfFinding(_ index: Int, in bytes: [UInt8]) -> Int {
        let key = Array("\"findings\"".utf8)
        // The key whose value is a list (the summary has a "findings" count too).
        func isList(after start: Int) -> Bool {
            var index = start + key.count
            var colon = false
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: break
                case UInt8(ascii: ":") where !colon: colon = true
                case UInt8(ascii: "["): return colon
                default: return false
                }
                index += 1
            }
            return false
        }
        guard let offset = bytes.indices.first(where: { bytes[$0...].starts(with: key) && isList(after: $0) })
        else { return 1 }
        var line = 1 + bytes[..<offset].filter { $0 == 0x0A }.count
        var seen = -1, depth = 0, inString = false, escaped = false
        for byte in bytes[offset...] {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if byte == 0x7B, depth == 2 {
                    seen += 1
                    if seen == index { return line }
                }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        return 1
    }
}

extension Diagnostic {
    /// The diagnostic located at the start of `path`.
    func at(_ path: String) -> Diagnostic {
        var copy = self
        copy.location = SourceLocation(path: path)
        return copy
    }
}
