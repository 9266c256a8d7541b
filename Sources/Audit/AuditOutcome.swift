import HandbookContent

/// What a run of the audit gives: the report when the input was good, and every diagnostic.
public struct AuditOutcome: Sendable {
    /// nil when the input had errors (then nothing should be written).
    public var report: AuditReport?
    /// Errors (bad input) and warnings (skipped rows, redacted values), in reading order.
    public var diagnostics: [Diagnostic]

    public init(report: AuditReport?, diagnostics: [Diagnostic]) {
        self.report = report
        self.diagnostics = diagnostics
    }
}
