/// A control parameter looser than what a framework named on the control requires.
public struct FrameworkNote: Hashable, Sendable {
    public var controlID: String
    /// As named on the control, e.g. `PCI DSS 8.3`.
    public var framework: String
    public var parameter: String
    public var value: Int
    /// The framework's limit.
    public var required: Int
    /// What the framework asks, in words, with its reference.
    public var requirement: String

    public init(controlID: String, framework: String, parameter: String, value: Int, required: Int, requirement: String)
    {
        self.controlID = controlID
        self.framework = framework
        self.parameter = parameter
        self.value = value
        self.required = required
        self.requirement = requirement
    }

    /// "max_age_days is 180 but PCI DSS 8.3 asks for at most 90 (…)".
    public var message: String {
        "\(parameter) is \(value) but \(framework) asks for at most \(required): \(requirement)"
    }
}
