import HandbookContent

/// A numeric limit a well-known framework sets for what a check enforces. When a control names
/// the framework and its parameter is looser, the report notes it.
///
/// The table (a control "names" a framework when one of its `frameworks` entries starts with the
/// prefix, case-insensitively):
/// | framework prefix | check | parameter | at most | source |
/// |---|---|---|---|---|
/// | PCI DSS | rotation-age | max_age_days | 90 | PCI DSS v4.0 8.3.9 / 3.6.4: change authentication secrets at least every 90 days; cryptoperiods defined |
/// | PCI DSS | unused-key | max_idle_days | 90 | PCI DSS v4.0 8.2.6: remove or disable inactive accounts within 90 days |
/// | PCI DSS | access-review | max_days | 180 | PCI DSS v4.0 7.2.4: review user accounts and access privileges at least every six months |
/// | CIS AWS | rotation-age | max_age_days | 90 | CIS AWS Foundations 1.14: rotate access keys every 90 days or less |
/// | CIS AWS | unused-key | max_idle_days | 45 | CIS AWS Foundations 1.12: disable credentials unused for 45 days or more |
public struct FrameworkBaseline: Hashable, Sendable {
    public var frameworkPrefix: String
    public var check: String
    public var parameter: String
    public var maximum: Int
    public var requirement: String

    public init(frameworkPrefix: String, check: String, parameter: String, maximum: Int, requirement: String) {
        self.frameworkPrefix = frameworkPrefix
        self.check = check
        self.parameter = parameter
        self.maximum = maximum
        self.requirement = requirement
    }

    /// The baselines Attest knows.
    public static let all: [FrameworkBaseline] = [
        FrameworkBaseline(
            frameworkPrefix: "PCI DSS", check: "rotation-age", parameter: "max_age_days", maximum: 90,
            requirement: "PCI DSS v4.0 8.3.9 and 3.6.4 ask that secrets be changed at least every 90 days"),
        FrameworkBaseline(
            frameworkPrefix: "PCI DSS", check: "unused-key", parameter: "max_idle_days", maximum: 90,
            requirement: "PCI DSS v4.0 8.2.6 asks that inactive accounts be removed or disabled within 90 days"),
        FrameworkBaseline(
            frameworkPrefix: "PCI DSS", check: "access-review", parameter: "max_days", maximum: 180,
            requirement: "PCI DSS v4.0 7.2.4 asks that access privileges be reviewed at least once every six months"),
        FrameworkBaseline(
            frameworkPrefix: "CIS AWS", check: "rotation-age", parameter: "max_age_days", maximum: 90,
            requirement: "CIS AWS Foundations 1.14 asks that access keys be rotated every 90 days or less"),
        FrameworkBaseline(
            frameworkPrefix: "CIS AWS", check: "unused-key", parameter: "max_idle_days", maximum: 45,
            requirement: "CIS AWS Foundations 1.12 asks that credentials unused for 45 days or more be disabled"),
    ]

    /// Notes for each baseline that `control` (with its resolved params) is looser than.
    public static func notes(for control: Control, params: [String: ParameterValue]) -> [FrameworkNote] {
        var notes: [FrameworkNote] = []
        for framework in control.frameworks {
            for baseline in all
            where baseline.check == control.check
                && framework.lowercased().hasPrefix(baseline.frameworkPrefix.lowercased())
            {
                guard let value = params[baseline.parameter]?.integerValue, value > baseline.maximum else { continue }
                notes.append(
                    FrameworkNote(
                        controlID: control.id, framework: framework, parameter: baseline.parameter, value: value,
                        required: baseline.maximum, requirement: baseline.requirement))
            }
        }
        return notes
    }
}
