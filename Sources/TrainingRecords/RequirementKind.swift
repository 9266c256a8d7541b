/// What a training requirement asks of a person.
public enum RequirementKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Pass a quiz (and again when the pass expires or a covered policy changes major version).
    case quiz
    /// Accept a policy whose front matter says `acknowledge: true` (and again after each new major version).
    case acceptance
}
