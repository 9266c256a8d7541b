import Audit
import Foundation
import HandbookContent
import Scan

extension AuditInputFiles {
    /// The AWS rules whose value is the key id itself (not a secret), matched against inventory ids.
    static let keyIDRules: Set<String> = ["aws-access-key-id", "aws-temporary-access-key-id"]

    /// The sightings of the scan reports at `paths` (`--exposures`), the reports as inputs of the
    /// audit, and a diagnostic for each report that cannot be read.
    func loadExposures(_ paths: [String]) -> ([ExposureSighting], [AuditReport.Input], [Diagnostic]) {
        var sightings: [ExposureSighting] = []
        var inputs: [AuditReport.Input] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let shown = displayPath(path)
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(.error("cannot read the scan report '\(shown)'", at: nil))
                continue
            }
            let bytes = [UInt8](data)
            let (findings, readDiagnostics) = ScanReportReader.read(bytes: bytes, path: shown)
            diagnostics += readDiagnostics
            guard let findings else { continue }
            for finding in findings {
                sightings.append(
                    ExposureSighting(
                        ruleID: finding.ruleID, redacted: finding.redacted, sha256: finding.sha256.lowercased(),
                        keyID: Self.keyIDRules.contains(finding.ruleID) ? finding.redacted : nil,
                        seenAt: finding.seenAt.map { CalendarDate(secondsSince1970: Double($0)) }, place: finding.place)
                )
            }
            inputs.append(
                AuditReport.Input(
                    kind: "exposures", path: shown, sha256: FileDigest.sha256(of: bytes), rows: findings.count))
        }
        return (sightings, inputs, diagnostics)
    }
}
