/// What happened when an invitation link was used to sign in: links sign in once.
public enum InvitationRedemption: Hashable, Sendable {
    /// The first use: a session may be opened.
    case first
    /// The link was used before, at this time (ISO 8601 UTC).
    case alreadyRedeemed(at: String)
}
