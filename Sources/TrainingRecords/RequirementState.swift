/// Where a person stands on one required quiz.
public enum RequirementState: String, Hashable, Sendable, Codable, CaseIterable {
    /// Passed, not expiring within 30 days, policy major versions unchanged.
    case current
    /// Passed, but expires within 30 days.
    case dueSoon = "due_soon"
    /// Never passed (or lapsed, or re-opened by a major version change) and past the due date.
    case overdue
    /// Never passed and not yet due.
    case neverDone = "never_done"

    /// Whether this counts as holding a current pass (current or due soon).
    public var isCurrentPass: Bool { self == .current || self == .dueSoon }
}
