import Foundation

/// A signed, expiring invitation link for one person: `BASE/invite?token=…`.
public enum InvitationLink {
    /// The link for `email`, valid for `days` days from `now`.
    public static func make(
        email: String, validForDays days: Int, baseURL: String, key: ServerSigningKey, now: Date = Date()
    ) throws(ServerSetupError) -> String {
        guard IdentityResolver.isPlausibleEmail(email) else { throw .badOption("'\(email)' is not an email address") }
        guard (1...366).contains(days) else { throw .badOption("--expires-in-days must be 1…366, not \(days)") }
        let token = SignedToken(
            purpose: .invitation, subject: email, expires: Int64(now.timeIntervalSince1970) + Int64(days) * 86_400,
            nonce: SignedToken.makeNonce())
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/invite?token=" + token.encoded(with: key)
    }
}
