/// One shape of secret (or of an identifier that travels with one): a fixed prefix, then a body of
/// `length` bytes from `alphabet`. The body is the longest run of alphabet bytes after the prefix;
/// the rule matches when that run's length is in `length`.
///
/// A rule without a prefix (the AWS secret access key) matches a whole run of alphabet bytes,
/// bounded on both sides by bytes outside the alphabet.
public struct SecretRule: Sendable, Hashable {
    /// A stable id, used in reports and fingerprints (`stripe-secret-live`).
    public var id: String
    /// What the rule finds, for people (`Stripe live secret key`).
    public var title: String
    public var severity: SecretSeverity
    /// The fixed prefix (`sk_live_`); empty for a rule that matches a bare run.
    public var prefix: [UInt8]
    /// The bytes a body is made of.
    public var alphabet: ByteSet
    /// How many body bytes make a match.
    public var length: ClosedRange<Int>
    /// Shannon entropy (bits per byte) a body needs before the scanner reports it; nil: no minimum.
    public var minimumEntropy: Double?
    /// Words of which one must stand near a match (same line, or the line before or after,
    /// case-insensitively) for the scanner to report it; empty: none needed. Redaction ignores them.
    public var keywords: [String]
    /// Whether the body must mix upper case, lower case and digits (tells an AWS secret access key
    /// from a hex digest or a path).
    public var requiresMixedCase: Bool
    /// False for values that are public by design or identifiers (publishable keys, AWS access
    /// key ids): found and reported, never redacted.
    public var isSecret: Bool

    public init(
        id: String, title: String, severity: SecretSeverity, prefix: String, alphabet: ByteSet,
        length: ClosedRange<Int>, minimumEntropy: Double? = nil, keywords: [String] = [],
        requiresMixedCase: Bool = false, isSecret: Bool = true
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.prefix = Array(prefix.utf8)
        self.alphabet = alphabet
        self.length = length
        self.minimumEntropy = minimumEntropy
        self.keywords = keywords
        self.requiresMixedCase = requiresMixedCase
        self.isSecret = isSecret
    }

    /// The prefix as text.
    public var prefixText: String { String(decoding: prefix, as: UTF8.self) }
}
