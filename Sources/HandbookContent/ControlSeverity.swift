/// How serious a control's failure is.
public enum ControlSeverity: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }
    public static func < (a: ControlSeverity, b: ControlSeverity) -> Bool { a.rank < b.rank }
}
