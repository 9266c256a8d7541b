import HandbookContent

/// Everything an audit found, with what it was computed from: the one value every report writer
/// renders. Writers know nothing of inputs beyond what is here.
public struct AuditReport: Sendable {
    /// A file the audit read, identified by its SHA-256 so that an auditor can re-run the audit.
    public struct Input: Hashable, Sendable {
        /// `inventory`, `owner-map`, `roster`, `records`.
        public var kind: String
        /// As given, relative to the root where possible.
        public var path: String
        public var sha256: String
        /// Data rows read (records for the training database).
        public var rows: Int

        public init(kind: String, path: String, sha256: String, rows: Int) {
            self.kind = kind
            self.path = path
            self.sha256 = sha256
            self.rows = rows
        }
    }

    public var asOf: CalendarDate
    /// When the report was made (UTC, ISO 8601): the one value that differs between re-runs.
    public var generatedAt: String
    public var toolVersion: String
    public var inputs: [Input]
    /// SHA-256 over the policies' source SHA-256s sorted by path (see ``AuditRunner/policySetSHA256(_:)``).
    public var policySetSHA256: String
    public var policyCount: Int
    /// Keys read from the inventories (active and inactive).
    public var keysRead: Int
    /// Active keys, the ones key checks apply to.
    public var activeKeys: Int
    /// In policy source-path order, then declaration order.
    public var controls: [ControlResult]
    public var skippedRows: [SkippedRow]
    public var missingInputs: [MissingInput]
    /// Warnings about the input (values redacted as secrets…), without the values.
    public var warnings: [Diagnostic]
    /// Earlier runs from `--history`, oldest first, then this one; drawn as a trend in HTML.
    public var history: [HistoryEntry]

    public init(
        asOf: CalendarDate, generatedAt: String, toolVersion: String, inputs: [Input], policySetSHA256: String,
        policyCount: Int, keysRead: Int, activeKeys: Int, controls: [ControlResult], skippedRows: [SkippedRow] = [],
        missingInputs: [MissingInput] = [], warnings: [Diagnostic] = [], history: [HistoryEntry] = []
    ) {
        self.asOf = asOf
        self.generatedAt = generatedAt
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.policySetSHA256 = policySetSHA256
        self.policyCount = policyCount
        self.keysRead = keysRead
        self.activeKeys = activeKeys
        self.controls = controls
        self.skippedRows = skippedRows
        self.missingInputs = missingInputs
        self.warnings = warnings
        self.history = history
    }

    public var summary: AuditSummary { AuditSummary(controls: controls) }

    /// Every framework note of every control.
    public var frameworkNotes: [FrameworkNote] { controls.flatMap(\.frameworkNotes) }

    /// Whether a failing finding sits at or above `threshold`: the audit then exits 1.
    public func fails(at threshold: FailThreshold) -> Bool {
        guard let minimum = threshold.minimumSeverity else { return false }
        return controls.contains { $0.severity >= minimum && $0.status == .fail }
    }
}
