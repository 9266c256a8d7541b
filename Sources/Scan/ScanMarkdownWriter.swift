/// `report.md`: a summary and a table of findings, for a pull request comment or a ticket. Text from
/// files (paths) is escaped so that it cannot break the table or inject markup.
enum ScanMarkdownWriter {
    static func render(_ report: ScanReport) -> String {
        var text = "# Secret scan\n\n"
        text += "Generated \(report.generatedAt) by attest \(escape(report.toolVersion)).\n\n"
        for target in report.targets {
            let what =
                target.kind == .history ? "\(target.commits) commits, \(target.files) blobs" : "\(target.files) files"
            let since = target.since.map { " since `\(code($0))`" } ?? ""
            text += "- `\(code(target.path))` (\(target.kind.rawValue)\(since)): \(what), \(target.bytes) bytes\n"
        }
        let counts = report.countsBySeverity.map { "\($0.count) \($0.severity.rawValue)" }.joined(separator: ", ")
        text += "\n**\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")** (\(counts))"
        if report.ignored > 0 { text += "; \(report.ignored) left out by .gitleaksignore" }
        if report.inBaseline > 0 { text += "; \(report.inBaseline) already in the baseline" }
        text += ".\n\n"
        if !report.findings.isEmpty {
            text +=
                "| severity | rule | secret | where | commit | still at HEAD |\n| --- | --- | --- | --- | --- | --- |\n"
            for finding in report.findings {
                let place = "\(finding.path):\(finding.line):\(finding.column)"
                let commit = finding.commit.map { "`\($0.prefix(12))`" } ?? ""
                let head = finding.stillAtHead.map { $0 ? "yes" : "no" } ?? ""
                text +=
                    "| \(finding.severity.rawValue) | \(escape(finding.ruleID)) | `\(code(finding.redacted))` | `\(code(place))` | \(commit) | \(head) |\n"
            }
        }
        if !report.warnings.isEmpty {
            text += "\n## Warnings\n\n"
            for warning in report.warnings { text += "- \(escape(warning))\n" }
        }
        return text
    }

    /// Text for a table cell: Markdown and HTML punctuation escaped, lines joined.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#", "!": result += "\\\(character)"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// Text inside a code span: backticks and pipes cannot end it or the cell.
    static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }
}
