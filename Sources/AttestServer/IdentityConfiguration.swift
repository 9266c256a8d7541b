/// How the server learns who is calling. Identity is never taken from a form or a JSON body.
///
/// Checked in this order on each request:
/// 1. ``trustedProxy``: a request carrying the proxy secret is identified by the trusted header;
///    one carrying the header without the right secret is refused (401).
/// 2. A session cookie set by opening an invitation link (signed with ``signingKey``).
/// 3. ``devIdentity``, only when given explicitly (`--dev-identity`).
///
/// Otherwise the caller is anonymous: pages are served, but submissions and personal pages get 401.
public struct IdentityConfiguration: Sendable {
    public var trustedProxy: TrustedProxyHeader?
    public var devIdentity: String?
    /// Signs invitation links, session cookies and form tokens.
    public var signingKey: ServerSigningKey
    /// Mark the session cookie `Secure` (when the handbook's base URL is https).
    public var secureCookies: Bool
    /// How long a session opened from an invitation lasts, in seconds.
    public var sessionLifetime: Int64
    /// How long a form token (the quiz page's `csrf_token`) stays valid, in seconds.
    public var formTokenLifetime: Int64

    public init(
        trustedProxy: TrustedProxyHeader? = nil, devIdentity: String? = nil, signingKey: ServerSigningKey,
        secureCookies: Bool = false, sessionLifetime: Int64 = 7 * 86_400, formTokenLifetime: Int64 = 12 * 3_600
    ) {
        self.trustedProxy = trustedProxy
        self.devIdentity = devIdentity?.lowercased()
        self.signingKey = signingKey
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.formTokenLifetime = formTokenLifetime
    }

    /// The session cookie's name.
    public static let sessionCookieName = "attest_session"
}
