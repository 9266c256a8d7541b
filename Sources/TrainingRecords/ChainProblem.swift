/// The first thing wrong with a record chain, as named by ``ChainVerifier``.
public struct ChainProblem: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the record.
    public enum Kind: String, Hashable, Sendable {
        /// The record's content does not match its hash.
        case edited
        /// The record is not part of the chain: the record after it links to the one before it.
        case inserted
        /// One or more records before this one are missing (a sequence gap, or a previous hash that
        /// matches no record).
        case deleted
        /// A row cannot be read back as a record (a column of the wrong type or malformed JSON).
        case unreadable
        /// The anchored head hash given with `--expect-head` is not in the chain: records were
        /// deleted from the end, or the chain was rewritten.
        case headMissing = "head_missing"
    }

    /// What is wrong.
    public var kind: Kind
    /// The sequence number of the record named (nil for ``Kind/headMissing``).
    public var sequence: Int64?
    /// The id of the record named (nil for ``Kind/headMissing``).
    public var recordID: String?
    /// What is wrong, in a sentence.
    public var detail: String

    public init(kind: Kind, sequence: Int64?, recordID: String?, detail: String) {
        self.kind = kind
        self.sequence = sequence
        self.recordID = recordID
        self.detail = detail
    }

    /// `record 7 (id …): edited: …`.
    public var description: String {
        guard let sequence else { return "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")): \(detail)" }
        return "record \(sequence) (id \(recordID ?? "?")): \(kind.rawValue): \(detail)"
    }
}
