import Foundation

/// One stored record: a quiz attempt or a policy acceptance (``kind``), append-only, chained to the
/// previous record by hash. Both kinds share one table and one chain.
///
/// An acceptance ("I have read and accept version X") holds the policy in ``policyVersions`` (one
/// entry: policy id → the version accepted) and the SHA-256 of the policy's source file in
/// ``quizContentSHA256``; its ``quizID`` is empty, ``answers`` empty, ``scorePercent`` 0 and
/// ``passed`` false, so that nothing that looks for quiz passes ever counts it.
public struct AttemptRecord: Hashable, Sendable, Codable {
    /// 1, 2, 3… in order of recording.
    public var sequence: Int64
    /// A random UUID, returned to API clients as `id`.
    public var id: String
    /// Lowercased email.
    public var person: String
    public var quizID: String
    /// SHA-256 of the quiz source that was graded.
    public var quizContentSHA256: String
    /// Policy id → version acknowledged by this attempt.
    public var policyVersions: [String: String]
    /// Question id ("1", "2"…) → selected option ids, sorted.
    public var answers: [String: [String]]
    public var scorePercent: Int
    public var passed: Bool
    /// When it was recorded, UTC, ISO 8601 with milliseconds (`2026-11-27T18:42:04.123Z`).
    public var recordedAt: String
    /// How the person was identified: `proxy`, `invitation`, `dev`, `import`, `api`.
    public var identitySource: String
    /// The previous record's hash ("" for the first).
    public var previousHash: String
    /// SHA-256 over this record's content and `previousHash`.
    public var hash: String
    /// An attempt (every record before acceptances existed) or an acceptance.
    public var kind: RecordKind

    public init(
        sequence: Int64, id: String, person: String, quizID: String, quizContentSHA256: String,
        policyVersions: [String: String], answers: [String: [String]], scorePercent: Int, passed: Bool,
        recordedAt: String, identitySource: String, previousHash: String, hash: String, kind: RecordKind = .attempt
    ) {
        self.sequence = sequence
        self.id = id
        self.person = person
        self.quizID = quizID
        self.quizContentSHA256 = quizContentSHA256
        self.policyVersions = policyVersions
        self.answers = answers
        self.scorePercent = scorePercent
        self.passed = passed
        self.recordedAt = recordedAt
        self.identitySource = identitySource
        self.previousHash = previousHash
        self.hash = hash
        self.kind = kind
    }

    /// For an acceptance: the policy accepted and the version (nil for an attempt).
    public var acceptedPolicy: (id: String, version: String)? {
        guard kind == .acceptance, let (id, version) = policyVersions.first else { return nil }
        return (id, version)
    }
}
