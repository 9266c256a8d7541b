/// `report.md`: a summary for a ticket: counts, the inputs and their hashes, then each failing or
/// warning control with its findings (the first ``findingLimit`` of each; the rest are in the JSON
/// and CSV reports).
public struct MarkdownReportWriter: ReportWriter {
    public var findingLimit: Int

    public init(findingLimit: Int = 50) { self.findingLimit = findingLimit }

    public func write(_ report: AuditReport, to output: ReportOutput) {
        let summary = report.summary
        var text = "# Key and training audit as of \(report.asOf)\n\n"
        text +=
            "**\(summary.failed) failed**, \(summary.warned) warned, \(summary.passed) passed of \(summary.controls) controls; "
        text +=
            "\(summary.findings.fail) failing and \(summary.findings.warn) warning findings over \(report.activeKeys) active keys.\n\n"
        text += "| Control | Severity | Status | Fail | Warn |\n|---|---|---|---:|---:|\n"
        for control in report.controls {
            text +=
                "| \(Self.cell(control.id)): \(Self.cell(control.title)) | \(control.severity.rawValue) | \(control.status.rawValue) | \(control.failCount) | \(control.warnCount) |\n"
        }
        text += "\n"
        for missing in report.missingInputs { text += "> **Missing input:** \(Self.inline(missing.message))\n\n" }
        for note in report.frameworkNotes {
            text += "> **\(Self.inline(note.controlID)):** \(Self.inline(note.message))\n\n"
        }
        output.write(text)
        for control in report.controls where control.status != .pass {
            text =
                "## \(Self.inline(control.id)): \(Self.inline(control.title)) (\(control.severity.rawValue), \(control.status.rawValue))\n\n"
            text +=
                "Policy: \(Self.inline(control.policy.title)) (`\(control.policy.sourcePath)`). Rule: \(Self.inline(control.rule))\n\n"
            if let remediation = control.remediation { text += "Remediation: \(Self.inline(remediation))\n\n" }
            for finding in control.findings.prefix(findingLimit) {
                text +=
                    "- **\(finding.status.rawValue)** `\(Self.code(finding.subject))`: \(Self.inline(finding.message))\n"
            }
            if control.findings.count > findingLimit {
                text += "- … and \(control.findings.count - findingLimit) more (see report.json or findings.csv)\n"
            }
            output.write(text + "\n")
        }
        text = "## Reproduce\n\n- As of: \(report.asOf)\n- Tool version: attest \(Self.inline(report.toolVersion))\n"
        text += "- Policy set SHA-256: `\(report.policySetSHA256)`\n"
        for input in report.inputs {
            text += "- \(input.kind) `\(Self.code(input.path))`: SHA-256 `\(input.sha256)`, \(input.rows) rows\n"
        }
        for row in report.skippedRows {
            text += "- Skipped row `\(Self.code(row.path)):\(row.line)`: \(Self.inline(row.reason))\n"
        }
        output.write(text)
    }

    /// Text safe in a Markdown paragraph: no HTML, no line breaks, emphasis characters escaped.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\n", "\r": result += " "
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "*", "_", "`", "[", "]", "|", "#": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    static func cell(_ text: String) -> String { inline(text) }

    /// Text safe in a code span.
    static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
    }
}
