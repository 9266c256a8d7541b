/// What a record in the chain is.
public enum RecordKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A graded quiz attempt (taken here or imported).
    case attempt
    /// "I have read and accept version X" of a policy whose front matter says `acknowledge: true`.
    case acceptance
}
