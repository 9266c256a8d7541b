/// A custom secret shape from `content/scan-rules.yml`, as written and validated: a fixed prefix,
/// then a body of `minLength...maxLength` bytes from `alphabet` (ASCII; `a-z` is a range).
/// The scanner turns it into a rule of its catalogue.
public struct ScanRuleDefinition: Sendable, Hashable {
    public var id: String
    public var title: String
    /// `info`, `low`, `medium` or `high`.
    public var severity: String
    public var prefix: String
    public var alphabet: String
    public var minLength: Int
    public var maxLength: Int
    /// Bits per byte the body needs; nil: no minimum.
    public var minimumEntropy: Double?
    /// Where the rule's `id` is written.
    public var location: SourceLocation

    public init(
        id: String, title: String, severity: String, prefix: String, alphabet: String, minLength: Int, maxLength: Int,
        minimumEntropy: Double?, location: SourceLocation
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.prefix = prefix
        self.alphabet = alphabet
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimumEntropy = minimumEntropy
        self.location = location
    }
}
