import Foundation
import HandbookContent

/// Text routines shared by the report writers.
enum ReportText {
    /// `text` escaped for HTML and XML text and attribute values; characters XML forbids are dropped.
    static func escapeMarkup(_ text: String) -> String {
        guard
            text.utf8.contains(where: {
                $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 < 0x20
            })
        else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t", "\r": result.unicodeScalars.append(scalar)
            case let c where c.value < 0x20: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A file path as a URI reference (SARIF and OSCAL locations): every byte but RFC 3986's unreserved
    /// characters, sub-delimiters, `/` and `@` is percent-encoded, a space or `#` as well as a `:` (which
    /// in a first segment would read as a scheme).
    static func uriReference(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: uriPathCharacters) ?? path
    }

    private static let uriPathCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=/@")

    /// Evidence as `name=value; name=value`.
    static func evidenceLine(_ finding: Finding) -> String {
        (finding.evidence.map { "\($0.name)=\($0.value.description)" }
            + finding.extraColumns.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "; ")
    }

    /// `path:line`, or "" without a source.
    static func source(_ location: SourceLocation?) -> String {
        location.map { "\($0.path):\($0.line)" } ?? ""
    }
}
