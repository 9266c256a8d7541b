import HandbookContent
import Secrets

/// `report.sarif`: SARIF 2.1.0, one result per finding, located at its file, line and column (a
/// history finding names its commit in the message and in `properties`), with
/// `partialFingerprints` so that code-scanning services follow a finding across runs.
enum ScanSARIFWriter {
    static func level(_ severity: SecretSeverity) -> String {
        switch severity {
        case .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    static func render(_ report: ScanReport) -> [UInt8] {
        var out: [UInt8] = []
        func raw(_ text: String) { out.append(contentsOf: text.utf8) }
        func string(_ text: String) { JSONStringLiteral.append(text, to: &out) }
        raw("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n")
        raw("  \"runs\": [{\n    \"tool\": {\"driver\": {\"name\": \"attest\", \"version\": ")
        string(report.toolVersion)
        raw(", \"informationUri\": \"https://github.com/attest/attest\", \"rules\": [")
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in report.rules.enumerated() {
            ruleIndex[rule.id] = index
            raw(index == 0 ? "\n      {" : ",\n      {")
            raw("\"id\": ")
            string(rule.id)
            raw(", \"name\": ")
            string(rule.title)
            raw(", \"shortDescription\": {\"text\": ")
            string(rule.title)
            raw(
                "}, \"defaultConfiguration\": {\"level\": \"\(level(rule.severity))\"}, \"properties\": {\"severity\": "
            )
            string(rule.severity.rawValue)
            raw("}}")
        }
        raw("\n    ]}},\n    \"results\": [")
        for (index, finding) in report.findings.enumerated() {
            raw(index == 0 ? "\n      {" : ",\n      {")
            raw("\"ruleId\": ")
            string(finding.ruleID)
            if let position = ruleIndex[finding.ruleID] { raw(", \"ruleIndex\": \(position)") }
            raw(", \"level\": \"\(level(finding.severity))\", \"message\": {\"text\": ")
            var message = "\(finding.ruleTitle) \(finding.redacted)"
            if let commit = finding.commit {
                message += " introduced in commit \(commit)"
                if let stillAtHead = finding.stillAtHead {
                    message += stillAtHead ? " (still at HEAD)" : " (no longer at HEAD)"
                }
            }
            string(message)
            raw("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ")
            string(uri(finding))
            raw(
                "}, \"region\": {\"startLine\": \(max(1, finding.line)), \"startColumn\": \(max(1, finding.column))}}}]"
            )
            raw(", \"partialFingerprints\": {\"attestFingerprint/v1\": ")
            string(finding.fingerprint)
            raw(", \"secretSha256/v1\": ")
            string(finding.sha256)
            raw("}, \"properties\": {\"secret_sha256\": ")
            string(finding.sha256)
            raw(", \"severity\": ")
            string(finding.severity.rawValue)
            if let commit = finding.commit {
                raw(", \"commit\": ")
                string(commit)
            }
            if let stillAtHead = finding.stillAtHead { raw(", \"still_at_head\": \(stillAtHead)") }
            raw("}}")
        }
        raw(report.findings.isEmpty ? "]\n  }]\n}\n" : "\n    ]\n  }]\n}\n")
        return out
    }

    /// The finding's file as a relative URI reference (percent-encoding what a URI cannot hold).
    static func uri(_ finding: ScanFinding) -> String {
        let path = finding.target == "." || finding.commit != nil ? finding.path : finding.target + "/" + finding.path
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
