/// `findings.csv`: one row per finding (RFC 4180, header first, CRLF). Cells a spreadsheet would
/// take for a formula (starting `=`, `+`, `-`, `@`) are prefixed with `'`.
enum ScanCSVWriter {
    static let header = [
        "fingerprint", "rule", "severity", "redacted", "secret_sha256", "target", "path", "line", "column", "commit",
        "seen_at", "still_at_head",
    ]

    static func render(_ report: ScanReport) -> String {
        var text = header.joined(separator: ",") + "\r\n"
        for finding in report.findings {
            let cells = [
                finding.fingerprint, finding.ruleID, finding.severity.rawValue, finding.redacted, finding.sha256,
                finding.target, finding.path, String(finding.line), String(finding.column), finding.commit ?? "",
                finding.seenAt.map(ScanTimestamp.iso8601) ?? "",
                finding.stillAtHead.map { $0 ? "true" : "false" } ?? "",
            ]
            text += cells.map(cell).joined(separator: ",") + "\r\n"
        }
        return text
    }

    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
