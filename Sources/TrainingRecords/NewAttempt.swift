/// An attempt to be recorded: everything but the sequence, id, time and hashes, which the store assigns.
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

    public init(
        person: String, quizID: String, quizContentSHA256: String, policyVersions: [String: String],
        answers: [String: [String]], scorePercent: Int, passed: Bool, identitySource: String,
        recordedAt: String? = nil, importKey: String? = nil
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
    }
}
