extension AuditReport {
    /// The short summary `attest audit` prints: the verdict, the counts and the files written.
    public func consoleSummary(written: [String]) -> String {
        let summary = self.summary
        var lines = [
            "Audit as of \(asOf): \(summary.failed) of \(summary.controls) controls failed, \(summary.warned) warned, "
                + "\(summary.passed) passed; \(summary.findings.fail) failing and \(summary.findings.warn) warning findings "
                + "over \(activeKeys) active keys."
        ]
        for control in controls where control.status == .fail {
            lines.append("  FAIL \(control.severity.rawValue) \(control.id): \(control.title) (\(control.failCount))")
        }
        for missing in missingInputs { lines.append("  note: \(missing.message)") }
        if !skippedRows.isEmpty { lines.append("  \(skippedRows.count) bad rows skipped (listed in the report)") }
        for path in written { lines.append("Wrote \(path)") }
        return lines.joined(separator: "\n")
    }
}
