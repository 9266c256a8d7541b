/// The shapes of secret that Attest knows: one catalogue for the leak scanner (what it reports)
/// and for redaction (what no output ever prints in full), so the two cannot disagree.
///
/// Matching is a byte scan: a table of the rules' first prefix bytes is probed at every byte, a
/// prefix compared by hand, and the body measured as the longest run of the rule's alphabet. A
/// prefix is found wherever it stands, inside a longer token, a URL or a quoted string
/// (`vault/sk_live_…`, `STRIPE=sk_live_…`, `xrk_live_…`). Rules without a prefix (AWS secret
/// access keys) match a whole run of their alphabet, or a part of a longer run cut at `/` or `+`.
public struct SecretCatalogue: Sendable {
    /// Every rule, built-in first.
    public let rules: [SecretRule]
    /// For each byte, the indices of the rules whose prefix starts with it, longest prefix first.
    private let rulesByFirstByte: [[Int]]
    /// Rules that match a bare run of their alphabet.
    private let bareRules: [Int]
    /// The bytes any secret is made of (prefixes and bodies of secret rules).
    public let tokenBytes: ByteSet
    /// The fewest bytes a secret can have: shorter values are never scanned.
    public let shortestSecret: Int

    /// A catalogue of `rules` (usually ``builtIn`` followed by a handbook's own).
    public init(rules: [SecretRule]) {
        self.rules = rules
        var table = [[Int]](repeating: [], count: 256)
        var bare: [Int] = []
        for (index, rule) in rules.enumerated() {
            if let first = rule.prefix.first { table[Int(first)].append(index) } else { bare.append(index) }
        }
        for byte in table.indices { table[byte].sort { rules[$0].prefix.count > rules[$1].prefix.count } }
        rulesByFirstByte = table
        bareRules = bare
        var tokens = ByteSet()
        var shortest = Int.max
        for rule in rules where rule.isSecret {
            tokens = tokens.union(rule.alphabet)
            for byte in rule.prefix { tokens.insert(byte) }
            shortest = min(shortest, rule.prefix.count + rule.length.lowerBound)
        }
        tokenBytes = tokens
        shortestSecret = shortest == .max ? 1 : max(shortest, 1)
    }

    /// The rule with `id`.
    public func rule(id: String) -> SecretRule? { rules.first { $0.id == id } }

    /// Every match in `buffer`, in order, none overlapping (at one place the earliest and then
    /// longest match wins). `secretsOnly` leaves out rules whose values are not secrets. This is
    /// the scanner's view: each match has exactly its rule's shape.
    public func matches(in buffer: UnsafeBufferPointer<UInt8>, secretsOnly: Bool = false) -> [SecretMatch] {
        matches(in: buffer, secretsOnly: secretsOnly, covering: false)
    }

    /// What redaction hides: every secret match, and the runs that may hold one, merged where they
    /// overlap, in order. Beyond ``matches(in:secretsOnly:)``, a body longer than its rule
    /// allows is covered whole (`sk_live_…` glued to more letters, a fixed-length custom token
    /// followed by a byte of its alphabet), a prefix is looked for inside another match too (two keys
    /// written end to end), and a run of a prefix-less rule's alphabet too long for it is covered
    /// whole where no part of it cut at a `/` or `+` fits (an AWS secret access key after a letter,
    /// `x…`). A merged match keeps the first match's rule and prefix.
    public func coveringMatches(in buffer: UnsafeBufferPointer<UInt8>) -> [SecretMatch] {
        let found = matches(in: buffer, secretsOnly: true, covering: true)
        guard found.count > 1 else { return found }
        var merged: [SecretMatch] = []
        merged.reserveCapacity(found.count)
        for match in found {
            if let last = merged.last, match.range.lowerBound < last.range.upperBound {
                if match.range.upperBound > last.range.upperBound {
                    merged[merged.count - 1].range = last.range.lowerBound..<match.range.upperBound
                }
            } else {
                merged.append(match)
            }
        }
        return merged
    }

    /// The matches of ``matches(in:secretsOnly:)`` (`covering` false) or, unmerged and sorted, of
    /// ``coveringMatches(in:)``.
    private func matches(in buffer: UnsafeBufferPointer<UInt8>, secretsOnly: Bool, covering: Bool) -> [SecretMatch] {
        var found: [SecretMatch] = []
        let count = buffer.count
        var index = 0
        // Rules with a prefix.
        while index < count {
            let candidates = rulesByFirstByte[Int(buffer[index])]
            if candidates.isEmpty {
                index += 1
                continue
            }
            var next = index + 1
            for ruleIndex in candidates {
                let rule = rules[ruleIndex]
                if secretsOnly, !rule.isSecret { continue }
                guard let end = bodyEnd(of: rule, at: index, in: buffer, covering: covering) else { continue }
                found.append(SecretMatch(ruleIndex: ruleIndex, range: index..<end, prefixLength: rule.prefix.count))
                // The scanner goes on after the match; redaction looks for prefixes inside it too.
                if !covering { next = end }
                break
            }
            index = next
        }
        // Rules without one.
        let prefixMatches = found.count
        for ruleIndex in bareRules where !secretsOnly || rules[ruleIndex].isSecret {
            matchBareRuns(of: ruleIndex, in: buffer, covering: covering, into: &found)
        }
        guard covering || found.count > prefixMatches, found.count > 1 else { return found }
        found.sort {
            $0.range.lowerBound != $1.range.lowerBound
                ? $0.range.lowerBound < $1.range.lowerBound : $0.range.count > $1.range.count
        }
        if covering { return found }
        var kept: [SecretMatch] = []
        kept.reserveCapacity(found.count)
        for match in found where kept.last.map({ $0.range.upperBound <= match.range.lowerBound }) ?? true {
            kept.append(match)
        }
        return kept
    }

    /// Where the body of `rule`'s match at `start` ends, or nil when there is no match there. When
    /// `covering`, a body longer than the rule allows matches too, whole.
    private func bodyEnd(
        of rule: SecretRule, at start: Int, in buffer: UnsafeBufferPointer<UInt8>, covering: Bool
    ) -> Int? {
        let prefix = rule.prefix
        guard start + prefix.count + rule.length.lowerBound <= buffer.count else { return nil }
        for offset in 1..<prefix.count where buffer[start + offset] != prefix[offset] { return nil }
        let bodyStart = start + prefix.count
        var end = bodyStart
        let limit = covering ? buffer.count : min(buffer.count, bodyStart + rule.length.upperBound + 1)
        while end < limit, rule.alphabet.contains(buffer[end]) { end += 1 }
        let length = end - bodyStart
        guard covering ? length >= rule.length.lowerBound : rule.length.contains(length) else { return nil }
        if rule.requiresMixedCase, !Self.mixesCase(UnsafeBufferPointer(rebasing: buffer[bodyStart..<end])) {
            return nil
        }
        return end
    }

    /// Adds the matches of a rule without prefix: each run of its alphabet whose length fits, or
    /// a part of a longer run that starts and ends at the run's ends or at a `/` or `+` (a key
    /// after `vault/`). When `covering`, the stretches of a longer run that no such part covers are
    /// added whole when they are long enough to hold a match (`x` followed by a key).
    private func matchBareRuns(
        of ruleIndex: Int, in buffer: UnsafeBufferPointer<UInt8>, covering: Bool, into found: inout [SecretMatch]
    ) {
        let rule = rules[ruleIndex]
        let count = buffer.count
        func fits(_ range: Range<Int>) -> Bool {
            !rule.requiresMixedCase || Self.mixesCase(UnsafeBufferPointer(rebasing: buffer[range]))
        }
        var index = 0
        while index < count {
            guard rule.alphabet.contains(buffer[index]) else {
                index += 1
                continue
            }
            let runStart = index
            while index < count, rule.alphabet.contains(buffer[index]) { index += 1 }
            let runEnd = index
            guard runEnd - runStart >= rule.length.lowerBound else { continue }
            if rule.length.contains(runEnd - runStart) {
                if fits(runStart..<runEnd) {
                    found.append(SecretMatch(ruleIndex: ruleIndex, range: runStart..<runEnd, prefixLength: 0))
                }
                continue
            }
            // A longer run: try the parts that start after a separator (or at the run's start).
            var covered = runStart
            var start = runStart
            while start + rule.length.lowerBound <= runEnd {
                if start == runStart || Self.isSeparator(buffer[start - 1]) {
                    for length in rule.length.reversed() where start + length <= runEnd {
                        let end = start + length
                        guard end == runEnd || Self.isSeparator(buffer[end]) else { continue }
                        if fits(start..<end) {
                            if covering, start - covered >= rule.length.lowerBound, fits(covered..<start) {
                                found.append(SecretMatch(ruleIndex: ruleIndex, range: covered..<start, prefixLength: 0))
                            }
                            found.append(SecretMatch(ruleIndex: ruleIndex, range: start..<end, prefixLength: 0))
                            covered = max(covered, end)
                        }
                        break
                    }
                }
                start += 1
            }
            if covering, runEnd - covered >= rule.length.lowerBound, fits(covered..<runEnd) {
                found.append(SecretMatch(ruleIndex: ruleIndex, range: covered..<runEnd, prefixLength: 0))
            }
        }
    }

    private static func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "/") || byte == UInt8(ascii: "+") }

    /// Whether `bytes` hold an upper case letter, a lower case letter and a digit.
    static func mixesCase(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var upper = false, lower = false, digit = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            default: break
            }
        }
        return upper && lower && digit
    }
}
