/// Renders an ``AuditReport`` in one format. Writers take the report only and know nothing of inputs.
public protocol ReportWriter: Sendable {
    /// Writes `report` to `output`.
    func write(_ report: AuditReport, to output: ReportOutput)
}

extension ReportWriter {
    /// The report rendered in memory.
    public func render(_ report: AuditReport) -> String {
        let output = ReportOutput()
        write(report, to: output)
        return output.text
    }
}
