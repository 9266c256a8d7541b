import Crypto
import Foundation

/// `report.sarif`: SARIF 2.1.0. A rule per control (ruleId: the control id, stable across runs), a
/// result per finding (level error for fail, warning for warn) located at the control's declaration
/// in its policy file; the inputs are the run's artifacts with their SHA-256, and the run's properties
/// name the as-of date, tool version and policy set hash. Paths are URI references (percent-encoded);
/// a rule names its policy's handbook page in its properties (`policy_page`, relative to the site's
/// root), not as `helpUri`, which SARIF requires to be an absolute URI.
public struct SARIFReportWriter: ReportWriter {
    public init() {}

    public func write(_ report: AuditReport, to output: ReportOutput) {
        let rules: [JSONValue] = report.controls.map { control in
            .object([
                ("id", .string(control.id)),
                ("name", .string(control.check)),
                ("shortDescription", .object([("text", .string(control.title))])),
                ("fullDescription", .object([("text", .string(control.rule))])),
                ("help", .object([("text", .string(control.remediation ?? control.rule))])),
                ("defaultConfiguration", .object([("level", .string(control.severity == .low ? "warning" : "error"))])),
                (
                    "properties",
                    .object([
                        ("severity", .string(control.severity.rawValue)), ("policy", .string(control.policy.id)),
                        (
                            "policy_page",
                            .string(control.policy.sitePath.isEmpty ? "index.html" : control.policy.sitePath)
                        ),
                        ("tags", .strings(control.frameworks)),
                    ])
                ),
            ])
        }
        let driver: JSONValue = .object([
            ("name", .string("attest")), ("version", .string(report.toolVersion)),
            ("semanticVersion", .string(report.toolVersion)), ("rules", .array(rules)),
        ])
        let artifacts: [JSONValue] = report.inputs.map {
            .object([
                ("location", .object([("uri", .string(ReportText.uriReference($0.path)))])),
                ("hashes", .object([("sha-256", .string($0.sha256))])),
                ("roles", .strings(["analysisTarget"])),
            ])
        }
        let properties: JSONValue = .object([
            ("as_of", .string(report.asOf.description)), ("generated_at", .string(report.generatedAt)),
            ("tool_version", .string(report.toolVersion)), ("policy_set_sha256", .string(report.policySetSHA256)),
        ])
        var text = "{\n"
        JSONValue.renderMembers(
            [
                ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
                ("version", .string("2.1.0")),
            ], into: &text, level: 1)
        text += ",\n  \"runs\": [\n    {\n"
        JSONValue.renderMembers(
            [("tool", .object([("driver", driver)])), ("artifacts", .array(artifacts)), ("properties", properties)],
            into: &text, level: 3)
        text += ",\n      \"results\": ["
        output.write(text)
        var first = true
        for (ruleIndex, control) in report.controls.enumerated() {
            for finding in control.findings {
                text = first ? "\n        " : ",\n        "
                first = false
                Self.result(finding, control: control, ruleIndex: ruleIndex).render(into: &text, level: 4)
                output.write(text)
            }
        }
        output.write(first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n")
    }

    static func result(_ finding: Finding, control: ControlResult, ruleIndex: Int) -> JSONValue {
        var properties: [(String, JSONValue)] = [
            ("subject", .string(finding.subject)), ("evidence", .parameters(finding.evidence)),
        ]
        if let source = finding.source { properties.append(("source", .string("\(source.path):\(source.line)"))) }
        let fingerprint = SHA256.hash(data: Data("\(control.id)\n\(finding.subject)".utf8))
            .map { String(format: "%02x", $0) }.joined()
        return .object([
            ("ruleId", .string(control.id)),
            ("ruleIndex", .integer(ruleIndex)),
            ("level", .string(finding.status == .fail ? "error" : "warning")),
            ("message", .object([("text", .string("\(finding.subject): \(finding.message)"))])),
            (
                "locations",
                .array([
                    .object([
                        (
                            "physicalLocation",
                            .object([
                                (
                                    "artifactLocation",
                                    .object([("uri", .string(ReportText.uriReference(control.location.path)))])
                                ),
                                ("region", .object([("startLine", .integer(max(1, control.location.line)))])),
                            ])
                        )
                    ])
                ])
            ),
            ("partialFingerprints", .object([("attestSubject/v1", .string(fingerprint))])),
            ("properties", .object(properties)),
        ])
    }
}
