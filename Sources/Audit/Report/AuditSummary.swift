import HandbookContent

/// The counts an executive reads first.
public struct AuditSummary: Hashable, Sendable {
    /// Failing and warning findings.
    public struct Counts: Hashable, Sendable {
        public var fail = 0
        public var warn = 0
        public init(fail: Int = 0, warn: Int = 0) {
            self.fail = fail
            self.warn = warn
        }
    }

    public var controls: Int
    public var passed: Int
    public var warned: Int
    public var failed: Int
    public var findings: Counts
    /// By the control's severity.
    public var findingsBySeverity: [ControlSeverity: Counts]
    /// Controls failed, by severity.
    public var failedBySeverity: [ControlSeverity: Int]

    public init(controls results: [ControlResult]) {
        controls = results.count
        passed = results.filter { $0.status == .pass }.count
        warned = results.filter { $0.status == .warn }.count
        failed = results.filter { $0.status == .fail }.count
        var total = Counts()
        var bySeverity: [ControlSeverity: Counts] = [:]
        var failedBySeverity: [ControlSeverity: Int] = [:]
        for severity in ControlSeverity.allCases {
            bySeverity[severity] = Counts()
            failedBySeverity[severity] = 0
        }
        for result in results {
            let fail = result.failCount, warn = result.warnCount
            total.fail += fail
            total.warn += warn
            bySeverity[result.severity, default: Counts()].fail += fail
            bySeverity[result.severity, default: Counts()].warn += warn
            if result.status == .fail { failedBySeverity[result.severity, default: 0] += 1 }
        }
        findings = total
        findingsBySeverity = bySeverity
        self.failedBySeverity = failedBySeverity
    }
}
