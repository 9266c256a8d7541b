/// A used invitation link as the store keeps it: the link's nonce, who used it, when, and until
/// when the mark matters (the link's own expiry, seconds since 1970).
public struct InvitationMark: Hashable, Sendable {
    public var id: String
    public var person: String
    /// ISO 8601 UTC.
    public var redeemedAt: String
    public var expires: Int64

    public init(id: String, person: String, redeemedAt: String, expires: Int64) {
        self.id = id
        self.person = person
        self.redeemedAt = redeemedAt
        self.expires = expires
    }
}
