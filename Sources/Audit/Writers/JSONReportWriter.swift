import Foundation
import HandbookContent

/// The JSON report (`report.json`): pretty-printed but for the findings, one a line (a report holds
/// them by the million: a line each keeps the file half the size and greppable), keys in a fixed
/// order, byte-identical for the same inputs and `--as-of` but for `generated_at`.
///
/// Shape (format_version 1):
/// ```
/// {
///   "format": "attest-audit-report", "format_version": 1,
///   "as_of": "YYYY-MM-DD", "generated_at": "ISO 8601 UTC", "tool": "attest", "tool_version": "0.1.0",
///   "inputs": [{"kind": "inventory|owner-map|roster|records", "path", "sha256", "rows"}],
///   "policy_set_sha256": "hex", "policies": N,
///   "keys": {"read": N, "active": N},
///   "summary": {"status": "pass|warn|fail",
///               "controls": {"total", "passed", "warned", "failed"},
///               "findings": {"fail", "warn"},
///               "findings_by_severity": {"high": {"fail", "warn"}, "medium": {…}, "low": {…}},
///               "failed_controls_by_severity": {"high", "medium", "low"}},
///   "missing_inputs": [{"input": "roster|records", "needed_by": [control ids], "message"}],
///   "framework_notes": [{"control", "framework", "parameter", "value", "required", "requirement", "message"}],
///   "skipped_rows": [{"path", "line", "reason"}],
///   "warnings": ["path:line:column: warning: …"],
///   "controls": [{"id", "title", "policy": {"id", "title", "path", "url"}, "check", "severity", "rule",
///                 "params": {name: value, sorted}, "frameworks": [], "remediation": "…" | null,
///                 "location": {"path", "line"}, "status": "pass|warn|fail", "counts": {"fail", "warn"},
///                 "missing_inputs": [], "framework_notes": [],
///                 "findings": [{"subject", "status": "fail|warn", "message", "evidence": {…},
///                               "columns": {inventory columns Attest does not define, sorted},
///                               "source": {"path", "line"} | null}]}]
/// }
/// ```
/// Controls are in policy source-path order, then declaration order; findings in input order.
public struct JSONReportWriter: ReportWriter {
    public init() {}

    public func write(_ report: AuditReport, to output: ReportOutput) {
        let summary = report.summary
        func counts(_ c: AuditSummary.Counts) -> JSONValue {
            .object([("fail", .integer(c.fail)), ("warn", .integer(c.warn))])
        }
        let severities = ControlSeverity.allCases.sorted(by: >)
        let overall: ControlResult.Status = summary.failed > 0 ? .fail : summary.warned > 0 ? .warn : .pass
        let head: [(String, JSONValue)] = [
            ("format", .string("attest-audit-report")),
            ("format_version", .integer(1)),
            ("as_of", .string(report.asOf.description)),
            ("generated_at", .string(report.generatedAt)),
            ("tool", .string("attest")),
            ("tool_version", .string(report.toolVersion)),
            (
                "inputs",
                .array(
                    report.inputs.map {
                        .object([
                            ("kind", .string($0.kind)), ("path", .string($0.path)), ("sha256", .string($0.sha256)),
                            ("rows", .integer($0.rows)),
                        ])
                    })
            ),
            ("policy_set_sha256", .string(report.policySetSHA256)),
            ("policies", .integer(report.policyCount)),
            ("keys", .object([("read", .integer(report.keysRead)), ("active", .integer(report.activeKeys))])),
            (
                "summary",
                .object([
                    ("status", .string(overall.rawValue)),
                    (
                        "controls",
                        .object([
                            ("total", .integer(summary.controls)), ("passed", .integer(summary.passed)),
                            ("warned", .integer(summary.warned)), ("failed", .integer(summary.failed)),
                        ])
                    ),
                    ("findings", counts(summary.findings)),
                    (
                        "findings_by_severity",
                        .object(severities.map { ($0.rawValue, counts(summary.findingsBySeverity[$0] ?? .init())) })
                    ),
                    (
                        "failed_controls_by_severity",
                        .object(severities.map { ($0.rawValue, .integer(summary.failedBySeverity[$0] ?? 0)) })
                    ),
                ])
            ),
            (
                "missing_inputs",
                .array(
                    report.missingInputs.map {
                        .object([
                            ("input", .string($0.input)), ("needed_by", .strings($0.neededBy)),
                            ("message", .string($0.message)),
                        ])
                    })
            ),
            ("framework_notes", .array(report.frameworkNotes.map(Self.note))),
            (
                "skipped_rows",
                .array(
                    report.skippedRows.map {
                        .object([
                            ("path", .string($0.path)), ("line", .integer($0.line)), ("reason", .string($0.reason)),
                        ])
                    })
            ),
            ("warnings", .strings(report.warnings.map(\.description))),
        ]
        var text = "{\n"
        JSONValue.renderMembers(head, into: &text, level: 1)
        text += ",\n  \"controls\": ["
        output.write(text)
        for (index, control) in report.controls.enumerated() {
            text = index == 0 ? "\n    {\n" : ",\n    {\n"
            JSONValue.renderMembers(Self.members(of: control), into: &text, level: 3)
            text += ",\n      \"findings\": ["
            output.write(text)
            Self.writeFindings(control.findings, to: output)
            output.write(control.findings.isEmpty ? "]\n    }" : "\n      ]\n    }")
        }
        output.write(report.controls.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    /// Findings rendered on every core, a block at a time, written in order: a report holds
    /// findings by the million.
    private static func writeFindings(_ findings: [Finding], to output: ReportOutput) {
        let blockSize = 2048
        let blocks = stride(from: 0, to: findings.count, by: blockSize).map {
            $0..<min($0 + blockSize, findings.count)
        }
        // A few blocks per core at a time: the text in memory stays a few megabytes.
        let group = 4 * ProcessInfo.processInfo.activeProcessorCount
        for start in stride(from: 0, to: blocks.count, by: group) {
            let texts = ParallelMap.map(0..<min(group, blocks.count - start)) { offset in
                var text = JSONByteBuffer(capacity: blockSize * 256)
                for index in blocks[start + offset] {
                    text.append(index == 0 ? "\n        " : ",\n        ")
                    render(findings[index], into: &text)
                }
                return text.bytes
            }
            for text in texts { output.write(bytes: text) }
        }
    }

    static func note(_ note: FrameworkNote) -> JSONValue {
        .object([
            ("control", .string(note.controlID)), ("framework", .string(note.framework)),
            ("parameter", .string(note.parameter)), ("value", .integer(note.value)),
            ("required", .integer(note.required)),
            ("requirement", .string(note.requirement)), ("message", .string(note.message)),
        ])
    }

    static func members(of control: ControlResult) -> [(String, JSONValue)] {
        [
            ("id", .string(control.id)),
            ("title", .string(control.title)),
            (
                "policy",
                .object([
                    ("id", .string(control.policy.id)), ("title", .string(control.policy.title)),
                    ("path", .string(control.policy.sourcePath)), ("url", .string(control.policy.sitePath)),
                ])
            ),
            ("check", .string(control.check)),
            ("severity", .string(control.severity.rawValue)),
            ("rule", .string(control.rule)),
            ("params", .parameters(control.params.map { (name: $0.key, value: $0.value) }, sorted: true)),
            ("frameworks", .strings(control.frameworks)),
            ("remediation", .optional(control.remediation)),
            (
                "location",
                .object([("path", .string(control.location.path)), ("line", .integer(control.location.line))])
            ),
            ("status", .string(control.status.rawValue)),
            ("counts", .object([("fail", .integer(control.failCount)), ("warn", .integer(control.warnCount))])),
            ("missing_inputs", .strings(control.missingInputs)),
            ("framework_notes", .array(control.frameworkNotes.map(note))),
        ]
    }

    /// Renders `finding` on one line (the report's shape above: `subject`, `status`, `message`,
    /// `evidence`, `columns` sorted by name, `source` or null), as bytes: a report holds findings by
    /// the million. The one renderer of a finding's JSON.
    static func render(_ finding: Finding, into text: inout JSONByteBuffer) {
        text.append("{\"subject\": ")
        text.quote(finding.subject)
        text.append(
            finding.status == .fail ? ", \"status\": \"fail\", \"message\": " : ", \"status\": \"warn\", \"message\": ")
        text.quote(finding.message)
        text.append(", \"evidence\": ")
        renderObject(finding.evidence, into: &text)
        text.append(", \"columns\": ")
        if finding.extraColumns.isEmpty {
            text.append("{}")
        } else {
            renderObject(
                finding.extraColumns.sorted { $0.key < $1.key }.map { (name: $0.key, value: .string($0.value)) },
                into: &text)
        }
        if let source = finding.source {
            text.append(", \"source\": {\"path\": ")
            text.quote(source.path)
            text.append(", \"line\": ")
            text.append(source.line)
            text.append("}}")
        } else {
            text.append(", \"source\": null}")
        }
    }

    /// An object of parameter values, on one line.
    private static func renderObject(_ pairs: [(name: String, value: ParameterValue)], into text: inout JSONByteBuffer)
    {
        text.append("{")
        for (index, pair) in pairs.enumerated() {
            if index > 0 { text.append(", ") }
            text.quote(pair.name)
            text.append(": ")
            switch pair.value {
            case .integer(let n): text.append(n)
            case .boolean(let b): text.append(b ? "true" : "false")
            case .string(let string): text.quote(string)
            case .list(let items):
                text.append("[")
                for (itemIndex, item) in items.enumerated() {
                    if itemIndex > 0 { text.append(", ") }
                    text.quote(item)
                }
                text.append("]")
            }
        }
        text.append("}")
    }
}
