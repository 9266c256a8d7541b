/// Redacts every secret that a ``SecretCatalogue`` recognises to its prefix, "…" and the last four
/// characters of its body (`sk_live_…4f2a`; an AWS secret access key, which has no prefix, to
/// `…EKEY`), wherever it stands inside a value: after `/`, `=`, `-`, `_`, `:`, a quote, a bracket or
/// a letter, in a URL or a JSON string (see ``SecretCatalogue/coveringMatches(in:)``: when in doubt
/// about where a secret ends, more is hidden, never less). Values that are public by design or
/// identifiers (publishable keys, AWS access key ids) are kept as written.
///
/// The audit takes one as a value, built from the handbook's catalogue (its own rules included),
/// and applies it where the inventories are read.
public struct SecretRedactor: Sendable {
    /// What counts as a secret.
    public let catalogue: SecretCatalogue

    public init(catalogue: SecretCatalogue) { self.catalogue = catalogue }

    /// The redactor of the built-in rules.
    public static let standard = SecretRedactor(catalogue: .builtIn)

    /// The fewest bytes that can hold a secret; shorter values are returned at once.
    public var shortestSecret: Int { catalogue.shortestSecret }

    /// `text` with every secret redacted, and whether anything was.
    public func redact(_ text: String) -> (text: String, redacted: Bool) {
        var text = text
        let found = redactInPlace(&text)
        return (text, found)
    }

    /// Redacts `text` in place; true when it held a secret. Values too short to hold one are not
    /// scanned, and values are scanned in place before anything is copied: most hold no secret.
    @discardableResult
    public func redactInPlace(_ text: inout String) -> Bool {
        guard text.utf8.count >= shortestSecret else { return false }
        guard let output = text.withUTF8({ redacted($0) }) else { return false }
        text = String(decoding: output, as: UTF8.self)
        return true
    }

    /// The bytes of `buffer` with every secret redacted, or nil when it holds none (most values:
    /// they are scanned without allocating anything).
    public func redacted(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard buffer.count >= shortestSecret, hasLongToken(buffer) else { return nil }
        let matches = catalogue.coveringMatches(in: buffer)
        guard !matches.isEmpty else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count)
        var copiedUpTo = 0
        for match in matches {
            output.append(contentsOf: buffer[copiedUpTo..<match.range.lowerBound])
            output.append(contentsOf: buffer[match.range.lowerBound..<(match.range.lowerBound + match.prefixLength)])
            output.append(contentsOf: "…".utf8)
            let shown = Self.shownLength(ofBody: match.bodyRange.count)
            output.append(contentsOf: buffer[(match.range.upperBound - shown)..<match.range.upperBound])
            copiedUpTo = match.range.upperBound
        }
        output.append(contentsOf: buffer[copiedUpTo...])
        return output
    }

    /// How many of a body's last bytes stay visible: four, or fewer for a short body (a custom rule
    /// may allow one), so that at most a quarter of any secret shows.
    static func shownLength(ofBody count: Int) -> Int { min(4, count / 4) }

    /// Whether `text` holds a secret.
    public func containsSecret(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { buffer in
            buffer.count >= shortestSecret && hasLongToken(buffer) && !catalogue.coveringMatches(in: buffer).isEmpty
        }
    }

    /// Whether `buffer` holds a run of token bytes long enough to be a secret: when it does not, no
    /// part of it can hold one, however it is split into fields (inventory rows are checked whole
    /// this way first; they seldom hold such a run).
    public func hasLongToken(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let shortest = shortestSecret
        let tokens = catalogue.tokenBytes
        // Any run of `shortest` bytes covers exactly one position ≡ shortest - 1 (mod shortest):
        // only those are probed, and the run around a probe measured.
        var probe = shortest - 1
        while probe < buffer.count {
            if tokens.contains(buffer[probe]) {
                var start = probe, end = probe + 1
                while start > 0, tokens.contains(buffer[start - 1]) { start -= 1 }
                while end < buffer.count, tokens.contains(buffer[end]) { end += 1 }
                if end - start >= shortest { return true }
            }
            probe += shortest
        }
        return false
    }
}

extension SecretRedactor {
    /// ``standard``'s ``redact(_:)``.
    public static func redact(_ text: String) -> (text: String, redacted: Bool) { standard.redact(text) }
    /// ``standard``'s ``redactInPlace(_:)``.
    @discardableResult
    public static func redactInPlace(_ text: inout String) -> Bool { standard.redactInPlace(&text) }
    /// ``standard``'s ``redacted(_:)``.
    public static func redacted(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8]? { standard.redacted(buffer) }
    /// ``standard``'s ``hasLongToken(_:)``.
    public static func hasLongToken(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool { standard.hasLongToken(buffer) }
    /// ``standard``'s ``containsSecret(_:)``.
    public static func containsSecret(_ text: String) -> Bool { standard.containsSecret(text) }
    /// ``standard``'s ``shortestSecret``.
    public static var shortestSecret: Int { standard.shortestSecret }
}
