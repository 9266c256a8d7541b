/// Where a rule of a ``SecretCatalogue`` matched in a run of bytes.
public struct SecretMatch: Sendable, Hashable {
    /// The rule's index in ``SecretCatalogue/rules``.
    public var ruleIndex: Int
    /// The whole match, prefix and body, as byte offsets into the scanned bytes.
    public var range: Range<Int>
    /// How many bytes of the match are the rule's prefix.
    public var prefixLength: Int

    public init(ruleIndex: Int, range: Range<Int>, prefixLength: Int) {
        self.ruleIndex = ruleIndex
        self.range = range
        self.prefixLength = prefixLength
    }

    /// The body's offsets.
    public var bodyRange: Range<Int> { (range.lowerBound + prefixLength)..<range.upperBound }
}
