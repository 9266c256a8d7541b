import HandbookContent

/// One run's summary in the `--history` file (JSON lines), for the trend chart.
public struct HistoryEntry: Hashable, Sendable, Codable {
    public var asOf: CalendarDate
    public var generatedAt: String
    public var passed: Int
    public var warned: Int
    public var failed: Int
    public var failFindings: Int
    public var warnFindings: Int

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", generatedAt = "generated_at", passed, warned, failed
        case failFindings = "fail_findings", warnFindings = "warn_findings"
    }

    public init(
        asOf: CalendarDate, generatedAt: String, passed: Int, warned: Int, failed: Int, failFindings: Int,
        warnFindings: Int
    ) {
        self.asOf = asOf
        self.generatedAt = generatedAt
        self.passed = passed
        self.warned = warned
        self.failed = failed
        self.failFindings = failFindings
        self.warnFindings = warnFindings
    }

    /// The entry for `report`.
    public init(_ report: AuditReport) {
        let summary = report.summary
        self.init(
            asOf: report.asOf, generatedAt: report.generatedAt, passed: summary.passed, warned: summary.warned,
            failed: summary.failed, failFindings: summary.findings.fail, warnFindings: summary.findings.warn)
    }
}
