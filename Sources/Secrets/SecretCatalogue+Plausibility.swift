extension SecretCatalogue {
    /// Whether `match` looks like a real secret rather than a placeholder: its body has the rule's
    /// minimum entropy, is not a run of one character or a word such as `YOUR_KEY`, `xxxx` or
    /// `EXAMPLE`, and, for a rule with keywords, one of them stands on its line or a neighbouring
    /// one. The scanner reports only plausible matches; redaction hides every match.
    public func isPlausible(_ match: SecretMatch, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let rule = rules[match.ruleIndex]
        let body = UnsafeBufferPointer(rebasing: buffer[match.bodyRange])
        if let minimum = rule.minimumEntropy, Self.entropy(body) < minimum { return false }
        if Self.isPlaceholder(body) { return false }
        if !rule.keywords.isEmpty, !Self.hasKeyword(rule.keywords, near: match.range, in: buffer) { return false }
        return true
    }

    /// Shannon entropy of `bytes`, in bits per byte.
    public static func entropy(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            entropy -= p * log2(p)
        }
        return entropy
    }

    /// Words that mark a body as a stand-in (compared case-insensitively).
    static let placeholderWords: [[UInt8]] = ["xxxx", "your", "example", "placeholder", "redacted", "dummy", "replace"]
        .map { Array($0.utf8) }

    /// Whether `body` is a stand-in: it holds a placeholder word, or one character five times in a row.
    static func isPlaceholder(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        var run = 1
        for index in body.indices.dropFirst() {
            run = body[index] == body[index - 1] ? run + 1 : 1
            if run >= 5 { return true }
        }
        return placeholderWords.contains { contains(body, $0, start: body.startIndex, end: body.endIndex) }
    }

    /// Whether one of `keywords` stands in the lines around `range` (the line before, its own and
    /// the line after, at most 512 bytes each way).
    static func hasKeyword(_ keywords: [String], near range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Bool
    {
        let newline = UInt8(ascii: "\n")
        var start = range.lowerBound, newlines = 0
        while start > 0, range.lowerBound - start < 512 {
            if buffer[start - 1] == newline {
                newlines += 1
                if newlines == 2 { break }
            }
            start -= 1
        }
        var end = range.upperBound
        newlines = 0
        while end < buffer.count, end - range.upperBound < 512 {
            if buffer[end] == newline {
                newlines += 1
                if newlines == 2 { break }
            }
            end += 1
        }
        return keywords.contains { keyword in
            let word = Array(keyword.lowercased().utf8)
            return contains(buffer, word, start: start, end: range.lowerBound)
                || contains(buffer, word, start: range.upperBound, end: end)
        }
    }

    /// Whether `word` (lower case ASCII) stands in `buffer[start..<end]`, case-insensitively.
    private static func contains(_ buffer: UnsafeBufferPointer<UInt8>, _ word: [UInt8], start: Int, end: Int) -> Bool {
        guard !word.isEmpty, end - start >= word.count else { return false }
        var index = start
        while index + word.count <= end {
            var offset = 0
            while offset < word.count,
                buffer[index + offset] | (isUpper(buffer[index + offset]) ? 0x20 : 0) == word[offset]
            {
                offset += 1
            }
            if offset == word.count { return true }
            index += 1
        }
        return false
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
