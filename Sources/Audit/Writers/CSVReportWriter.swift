/// `findings.csv`: one row per finding (RFC 4180, header first). Every row names the as-of date,
/// the tool version, the policy set hash and the inputs' hashes, so that a row stands on its own.
/// Cells that a spreadsheet would take for a formula (starting `=`, `+`, `-`, `@`) are prefixed with `'`.
public struct CSVReportWriter: ReportWriter {
    public static let header = [
        "control_id", "control_title", "policy_id", "check", "severity", "status", "subject", "message", "evidence",
        "source", "remediation", "as_of", "tool_version", "policy_set_sha256", "inputs_sha256",
    ]

    public init() {}

    public func write(_ report: AuditReport, to output: ReportOutput) {
        output.write(Self.header.joined(separator: ",") + "\r\n")
        let inputs = report.inputs.map { "\($0.path)=\($0.sha256)" }.joined(separator: ";")
        let tail = [report.asOf.description, report.toolVersion, report.policySetSHA256, inputs].map(Self.cell)
            .joined(separator: ",")
        for control in report.controls {
            let head = [control.id, control.title, control.policy.id, control.check, control.severity.rawValue].map(
                Self.cell
            )
            .joined(separator: ",")
            let remediation = Self.cell(control.remediation ?? "")
            for finding in control.findings {
                let middle = [
                    finding.status.rawValue, finding.subject, finding.message, ReportText.evidenceLine(finding),
                    ReportText.source(finding.source),
                ].map(Self.cell).joined(separator: ",")
                output.write("\(head),\(middle),\(remediation),\(tail)\r\n")
            }
        }
    }

    /// A CSV cell: quoted when needed, formula-like starts neutralized.
    static func cell(_ value: String) -> String {
        var value = value
        if let first = value.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
