import HandbookContent

/// A secret that a leak scan (`attest scan`) saw, as the audit needs it: never the secret, only its
/// SHA-256 (matched against an inventory key's `secret_sha256`), or, for an AWS access key id,
/// the id itself (matched against the key's id).
public struct ExposureSighting: Sendable, Hashable {
    /// The scan rule (`stripe-secret-live`).
    public var ruleID: String
    /// The redacted secret (`sk_live_…4f2a`), or the id as written for an AWS access key id.
    public var redacted: String
    public var sha256: String
    /// For an AWS access key id: the id.
    public var keyID: String?
    /// When it was first seen (commit author time; file modification time); nil: unknown.
    public var seenAt: CalendarDate?
    /// Where it was seen, for people: `repo/src/app.js:12:5 in commit 1a2b3c4d5e6f`.
    public var place: String

    public init(
        ruleID: String, redacted: String, sha256: String, keyID: String? = nil, seenAt: CalendarDate?, place: String
    ) {
        self.ruleID = ruleID
        self.redacted = redacted
        self.sha256 = sha256
        self.keyID = keyID
        self.seenAt = seenAt
        self.place = place
    }
}
