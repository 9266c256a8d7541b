import HandbookContent

/// One problem a check found with one subject (a key, a person, a policy or a quiz).
///
/// Kept small: the message and evidence are worded from ``detail`` when a report is written, so
/// that a million findings fit in memory.
public struct Finding: Hashable, Sendable {
    /// Fail, or warn (not yet failing).
    public enum Status: String, Hashable, Sendable, Comparable {
        case warn, fail
        public static func < (a: Status, b: Status) -> Bool { a == .warn && b == .fail }
    }

    /// The key id, person, policy id or quiz id.
    public var subject: String
    public var status: Status
    /// What was found, with its numbers.
    public var detail: FindingDetail
    /// The inventory row the subject was read from, when it is a key.
    public var source: SourceLocation?
    /// The key's columns that the inventory format does not define, shown beside the evidence
    /// (shared with the key read, not copied).
    public var extraColumns: [String: String]

    public init(
        subject: String, status: Status, detail: FindingDetail, source: SourceLocation? = nil,
        extraColumns: [String: String] = [:]
    ) {
        self.subject = subject
        self.status = status
        self.detail = detail
        self.source = source
        self.extraColumns = extraColumns
    }

    /// The finding in words, with its numbers: "last rotated 2026-01-03, 328 days ago; limit 90".
    public var message: String { detail.message }

    /// The values behind the finding, in a fixed order. Never a secret: values are redacted on reading.
    public var evidence: [(name: String, value: ParameterValue)] { detail.evidence }
}
