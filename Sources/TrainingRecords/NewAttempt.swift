/// A record to be stored (an attempt, or with ``kind`` `.acceptance` a policy acceptance: see
/// ``NewAttempt/acceptance(person:policyID:version:policySHA256:identitySource:)``): everything but
/// the sequence, id, time and hashes, which the store assigns.
public struct NewAttempt: Hashable, Sendable {
    public var person: String
    public var quizID: String
    public var quizContentSHA256: String
    public var policyVersions: [String: String]
    public var answers: [String: [String]]
    public var scorePercent: Int
    public var passed: Bool
    public var identitySource: String
    /// For imports: the original completion time (ISO 8601); nil means now.
    public var recordedAt: String?
    /// For imports: a stable key of the imported completion. The store keeps at most one attempt per
    /// key, so that importing the same file twice adds nothing. Nil for attempts taken here.
    public var importKey: String?
    public var kind: RecordKind

    public init(
        person: String, quizID: String, quizContentSHA256: String, policyVersions: [String: String],
        answers: [String: [String]], scorePercent: Int, passed: Bool, identitySource: String,
        recordedAt: String? = nil, importKey: String? = nil, kind: RecordKind = .attempt
    ) {
        self.person = person.lowercased()
        self.quizID = quizID
        self.quizContentSHA256 = quizContentSHA256
        self.policyVersions = policyVersions
        self.answers = answers
        self.scorePercent = scorePercent
        self.passed = passed
        self.identitySource = identitySource
        self.recordedAt = recordedAt
        self.importKey = importKey
        self.kind = kind
    }

    /// "I have read and accept version `version` of `policyID`", whose source file has `policySHA256`.
    public static func acceptance(
        person: String, policyID: String, version: String, policySHA256: String, identitySource: String,
        recordedAt: String? = nil
    ) -> NewAttempt {
        NewAttempt(
            person: person, quizID: "", quizContentSHA256: policySHA256, policyVersions: [policyID: version],
            answers: [:], scorePercent: 0, passed: false, identitySource: identitySource, recordedAt: recordedAt,
            kind: .acceptance)
    }

    /// The record this becomes at `sequence` after `previousHash`, recorded at `recordedAt` unless it
    /// carries its own time, hash computed: the one place both stores build records.
    public func record(sequence: Int64, id: String, recordedAt now: String, previousHash: String) -> AttemptRecord {
        var record = AttemptRecord(
            sequence: sequence, id: id, person: person, quizID: quizID, quizContentSHA256: quizContentSHA256,
            policyVersions: policyVersions, answers: answers, scorePercent: scorePercent, passed: passed,
            recordedAt: recordedAt ?? now, identitySource: identitySource, previousHash: previousHash, hash: "",
            kind: kind)
        record.hash = record.computedHash
        return record
    }
}
