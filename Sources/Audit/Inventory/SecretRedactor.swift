/// Finds values that look like real secrets and redacts them to their prefix, "…" and last 4
/// characters (`sk_live_…4f2a`), so that a secret pasted into an inventory never reaches a report.
///
/// What counts as a secret (a token is a run of letters, digits and `_ - + / =`):
/// - a token starting with a known secret prefix followed by at least 16 more characters:
///   Stripe `sk_live_`, `sk_test_`, `rk_live_`, `rk_test_`, `whsec_`; GitHub `ghp_`, `gho_`, `ghu_`,
///   `ghs_`, `ghr_`, `github_pat_`; Slack `xoxb-`, `xoxp-`, `xoxa-`; GitLab `glpat-`; Google `AIza`;
/// - an AWS secret access key: exactly 40 characters of `A-Z a-z 0-9 + /` mixing upper case, lower
///   case and digits (a hex digest, all lower case, is not one).
///
/// Not secrets: AWS access key ids (`AKIA…`, `ASIA…`) identify a key, appear in CloudTrail and in the
/// credential report, and are exactly what an inventory should hold; publishable keys (`pk_live_…`)
/// are public by design. Both are kept as written.
public enum SecretRedactor {
    /// Prefixes of secret tokens, longest first so that `github_pat_` wins over shorter ones.
    static let prefixes: [[UInt8]] = [
        "github_pat_", "sk_live_", "sk_test_", "rk_live_", "rk_test_", "whsec_", "glpat-", "xoxb-", "xoxp-",
        "xoxa-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "AIza",
    ].map { Array($0.utf8) }

    /// Characters after a prefix that make the token a full secret.
    static let minimumSecretLength = 16

    /// The shortest value that can hold a secret; shorter values are returned at once.
    static let shortestSecret = 20

    /// `text` with every secret redacted, and whether anything was.
    public static func redact(_ text: String) -> (text: String, redacted: Bool) {
        var text = text
        let found = redactInPlace(&text)
        return (text, found)
    }

    /// Redacts `text` in place; true when it held a secret. Values too short to hold one are not
    /// scanned, and values are scanned in place before anything is copied: most hold no secret.
    @discardableResult
    public static func redactInPlace(_ text: inout String) -> Bool {
        guard text.utf8.count >= shortestSecret else { return false }
        guard let output = text.withUTF8({ redacted($0) }) else { return false }
        text = String(decoding: output, as: UTF8.self)
        return true
    }

    /// The bytes of `buffer` with every secret redacted, or nil when it holds none (most values:
    /// they are scanned without allocating anything).
    static func redacted(_ buffer: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard buffer.count >= shortestSecret, hasSecret(buffer) else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(buffer.count)
        var copiedUpTo = 0
        forEachToken(buffer) { token in
            guard let prefixLength = secretPrefixLength(buffer[token]) else { return false }
            output.append(contentsOf: buffer[copiedUpTo..<token.lowerBound])
            output.append(contentsOf: buffer[token].prefix(prefixLength))
            output.append(contentsOf: "…".utf8)
            output.append(contentsOf: buffer[token].suffix(4))
            copiedUpTo = token.upperBound
            return false
        }
        output.append(contentsOf: buffer[copiedUpTo...])
        return output
    }

    /// Whether `buffer` holds a run of token characters long enough to be a secret: when it does
    /// not, no part of it can hold one, however it is split into fields (inventory rows are
    /// checked whole this way first; they seldom hold such a run).
    static func hasLongToken(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        // Any run of `shortestSecret` bytes covers exactly one position ≡ shortestSecret - 1 (mod
        // shortestSecret): only those are probed, and the run around a probe measured.
        var probe = shortestSecret - 1
        while probe < buffer.count {
            if isTokenByte(buffer[probe]) {
                var start = probe, end = probe + 1
                while start > 0, isTokenByte(buffer[start - 1]) { start -= 1 }
                while end < buffer.count, isTokenByte(buffer[end]) { end += 1 }
                if end - start >= shortestSecret { return true }
            }
            probe += shortestSecret
        }
        return false
    }

    /// Whether `text` holds a secret.
    public static func containsSecret(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { hasSecret($0) }
    }

    private static func hasSecret(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        forEachToken(buffer) { token in
            found = secretPrefixLength(buffer[token]) != nil
            return found
        }
        return found
    }

    /// Calls `body` with the range of each token of `buffer` long enough to be a secret, in order,
    /// until it returns true.
    private static func forEachToken(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        var index = 0
        while index < buffer.count {
            guard isTokenByte(buffer[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < buffer.count, isTokenByte(buffer[index]) { index += 1 }
            if index - start >= shortestSecret, body(start..<index) { return }
        }
    }

    /// The length of the prefix to keep when `token` is a secret; nil when it is not one.
    private static func secretPrefixLength(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        for prefix in prefixes where token.count >= prefix.count + minimumSecretLength && token.starts(with: prefix) {
            return prefix.count
        }
        if token.count == 40, isAWSSecretAccessKey(token) { return 0 }
        return nil
    }

    private static func isAWSSecretAccessKey(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var upper = false, lower = false, digit = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: "+"), UInt8(ascii: "/"): break
            default: return false
            }
        }
        return upper && lower && digit
    }

    /// Letters, digits and `_ - + / =`, as two 64-bit masks (bytes 0–63 and 64–127): a million rows
    /// are scanned a byte at a time.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x23FF_A800_0000_0000, high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        return byte < 64 ? (low >> UInt64(byte)) & 1 != 0 : byte < 128 && (high >> UInt64(byte - 64)) & 1 != 0
    }
}
