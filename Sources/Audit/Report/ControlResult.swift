import HandbookContent

/// One control's outcome: what it requires, and what was found.
public struct ControlResult: Sendable {
    /// Pass (no finding), warn (warnings only) or fail (a failing finding).
    public enum Status: String, Hashable, Sendable, Comparable {
        case pass, warn, fail
        private var rank: Int { self == .pass ? 0 : self == .warn ? 1 : 2 }
        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
    }

    public var id: String
    public var title: String
    public var check: String
    public var severity: ControlSeverity
    /// The params with the check's defaults filled in.
    public var params: [String: ParameterValue]
    /// The rule in words (``ControlCatalogue/ruleDescription(check:params:)``), as the handbook shows it.
    public var rule: String
    public var frameworks: [String]
    public var remediation: String?
    public var policy: PolicyReference
    /// Where the control is declared in its policy.
    public var location: SourceLocation
    /// In input order.
    public var findings: [Finding]
    public var frameworkNotes: [FrameworkNote]
    /// Inputs this control needed that were not given (`roster`, `records`).
    public var missingInputs: [String]

    public init(
        id: String, title: String, check: String, severity: ControlSeverity, params: [String: ParameterValue],
        rule: String, frameworks: [String], remediation: String?, policy: PolicyReference, location: SourceLocation,
        findings: [Finding] = [], frameworkNotes: [FrameworkNote] = [], missingInputs: [String] = []
    ) {
        self.id = id
        self.title = title
        self.check = check
        self.severity = severity
        self.params = params
        self.rule = rule
        self.frameworks = frameworks
        self.remediation = remediation
        self.policy = policy
        self.location = location
        self.findings = findings
        self.frameworkNotes = frameworkNotes
        self.missingInputs = missingInputs
    }

    public var failCount: Int { findings.lazy.filter { $0.status == .fail }.count }
    public var warnCount: Int { findings.lazy.filter { $0.status == .warn }.count }

    public var status: Status {
        if findings.contains(where: { $0.status == .fail }) { return .fail }
        return findings.isEmpty ? .pass : .warn
    }
}
