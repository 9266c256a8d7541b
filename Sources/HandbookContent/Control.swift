/// A machine-checkable rule declared in a policy's front matter (`controls:`), enforced by the audit.
public struct Control: Hashable, Sendable {
    /// Unique across the handbook, e.g. `KEY-ROTATION`.
    public var id: String
    /// The check from ``ControlCatalogue`` that enforces it, e.g. `rotation-age`.
    public var check: String
    public var title: String
    public var severity: ControlSeverity
    /// Validated against the check's parameter specification.
    public var params: [String: ParameterValue]
    /// e.g. `SOC 2 CC6.1`, `PCI DSS 8.3`.
    public var frameworks: [String]
    public var remediation: String?
    /// The id of the policy that declares it.
    public var policyID: String
    /// Where the control's entry starts in the policy file.
    public var location: SourceLocation

    public init(
        id: String, check: String, title: String, severity: ControlSeverity, params: [String: ParameterValue],
        frameworks: [String], remediation: String?, policyID: String, location: SourceLocation
    ) {
        self.id = id
        self.check = check
        self.title = title
        self.severity = severity
        self.params = params
        self.frameworks = frameworks
        self.remediation = remediation
        self.policyID = policyID
        self.location = location
    }
}
