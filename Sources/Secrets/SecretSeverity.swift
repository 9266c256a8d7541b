/// How bad it is when a secret of a rule's shape is found where it should not be.
public enum SecretSeverity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    /// Public by design (a publishable key) or an identifier (an AWS access key id): reported, never a leak.
    case info
    case low
    case medium
    case high

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: SecretSeverity, rhs: SecretSeverity) -> Bool { lhs.rank < rhs.rank }
}
