import HandbookContent

/// `--fail-on`: the lowest control severity whose failing findings make the audit exit 1.
public enum FailThreshold: String, Sendable, Hashable, CaseIterable {
    case high, medium, low, never

    /// nil for `never`.
    public var minimumSeverity: ControlSeverity? {
        switch self {
        case .high: .high
        case .medium: .medium
        case .low: .low
        case .never: nil
        }
    }
}
