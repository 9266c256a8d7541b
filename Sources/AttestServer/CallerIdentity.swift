/// Who made a request, and how the server knows.
public struct CallerIdentity: Hashable, Sendable {
    public enum Source: String, Hashable, Sendable {
        /// The trusted header of a single-sign-on proxy that presented the shared secret.
        case proxy
        /// A session opened from a signed invitation link.
        case invitation
        /// `--dev-identity`, for local use only.
        case dev
    }

    /// Lowercased email.
    public var email: String
    public var source: Source
    /// What form tokens are bound to: the session's nonce, or a fixed value for proxy and dev identities
    /// (whose identity is re-established on every request).
    public var bindingNonce: String

    public init(email: String, source: Source, bindingNonce: String) {
        self.email = email.lowercased()
        self.source = source
        self.bindingNonce = bindingNonce
    }
}
