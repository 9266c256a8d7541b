/// A Markdown file split into its YAML front matter and its Markdown body.
///
/// Front matter is optional: a file whose first line is `---` opens it and the next line that is
/// exactly `---` (or `...`) closes it. Line ends may be LF or CRLF.
public struct FrontMatter: Hashable, Sendable {
    /// The YAML text between the fences; nil when the file has no front matter.
    public var yaml: String?
    /// The file line of the YAML's first line (2 when there is front matter).
    public var yamlStartLine: Int
    /// The Markdown after the closing fence (the whole file without front matter).
    public var body: String
    /// The file line where `body` starts.
    public var bodyStartLine: Int

    public init(yaml: String?, yamlStartLine: Int, body: String, bodyStartLine: Int) {
        self.yaml = yaml
        self.yamlStartLine = yamlStartLine
        self.body = body
        self.bodyStartLine = bodyStartLine
    }

    /// Splits `text`; an error at `path:1:1` when the front matter is opened but never closed.
    public static func split(_ text: String, path: String) throws(Diagnostic) -> FrontMatter {
        let bytes = Array(text.utf8)
        let lines = lineRanges(bytes)
        guard let first = lines.first, isFence(bytes[first], closing: false) else {
            return FrontMatter(yaml: nil, yamlStartLine: 1, body: text, bodyStartLine: 1)
        }
        for index in lines.indices.dropFirst() where isFence(bytes[lines[index]], closing: true) {
            let yamlStart = lines[1].lowerBound
            let yamlEnd = lines[index].lowerBound
            let bodyStart = index + 1 < lines.count ? lines[index + 1].lowerBound : bytes.count
            return FrontMatter(
                yaml: String(decoding: bytes[yamlStart..<max(yamlStart, yamlEnd)], as: UTF8.self),
                yamlStartLine: 2,
                body: String(decoding: bytes[bodyStart...], as: UTF8.self),
                bodyStartLine: index + 2)
        }
        throw Diagnostic.error(
            "front matter is not closed: the '---' on line 1 needs a matching '---' line after the YAML",
            at: SourceLocation(path: path))
    }

    /// The byte ranges of the lines, each including its line end.
    private static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            ranges.append(start..<index + 1)
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    private static func isFence(_ line: ArraySlice<UInt8>, closing: Bool) -> Bool {
        var content = line
        while let last = content.last,
            last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") || last == UInt8(ascii: " ")
                || last == UInt8(ascii: "\t")
        {
            content.removeLast()
        }
        return content.elementsEqual("---".utf8) || (closing && content.elementsEqual("...".utf8))
    }
}
