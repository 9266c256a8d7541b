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

    // By index: reading a finding's status in place, where a closure over the findings would
    // copy each one (and count references to its strings) a million findings over.
    public var failCount: Int { count(of: .fail) }
    public var warnCount: Int { count(of: .warn) }

    public var status: Status {
        for index in findings.indices where findings[index].status == .fail { return .fail }
        return findings.isEmpty ? .pass : .warn
    }

    private func count(of status: Finding.Status) -> Int {
        var count = 0
        for index in findings.indices where findings[index].status == status { count += 1 }
        return count
    }
}
