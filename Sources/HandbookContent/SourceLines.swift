/// The lines of a Markdown body as UTF-8 bytes, for taking the exact source of a node by its
/// line and column range (cmark counts columns in bytes).
struct SourceLines {
    private let lines: [ArraySlice<UInt8>]

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            var end = index
            if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            lines.append(bytes[start..<end])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        self.lines = lines
    }

    var count: Int { lines.count }

    /// Line `number` (1-based) as text; "" outside the text.
    func line(_ number: Int) -> String {
        guard number >= 1, number <= lines.count else { return "" }
        return String(decoding: lines[number - 1], as: UTF8.self)
    }

    /// Lines `first...last` (1-based, clamped), joined with `\n`.
    func text(lines first: Int, through last: Int) -> String {
        let low = max(first, 1), high = min(last, lines.count)
        guard low <= high else { return "" }
        return (low...high).map(line).joined(separator: "\n")
    }

    /// The text from `startColumn` of line `startLine` to `endColumn` (inclusive) of `endLine`;
    /// continuation lines lose their leading spaces.
    func text(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) -> String {
        guard startLine >= 1, endLine >= startLine, endLine <= lines.count else { return "" }
        var parts: [String] = []
        for number in startLine...endLine {
            var slice = lines[number - 1]
            if number == endLine {
                slice = slice.prefix(max(0, min(slice.count, endColumn)))
            }
            if number == startLine {
                slice = slice.dropFirst(max(0, startColumn - 1))
            } else {
                while let first = slice.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") {
                    slice = slice.dropFirst()
                }
            }
            parts.append(String(decoding: slice, as: UTF8.self))
        }
        return parts.joined(separator: "\n")
    }

    /// The first place at or after byte `offset` of line `line` where `needle` (on one line) occurs,
    /// looking at most `lineLimit` lines ahead.
    func find(_ needle: String, fromLine line: Int, offset: Int, lineLimit: Int = 500) -> (line: Int, offset: Int)? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, line >= 1, line <= lines.count else { return nil }
        for number in line...min(lines.count, line + lineLimit) {
            let bytes = Array(lines[number - 1])
            var start = number == line ? offset : 0
            while start + pattern.count <= bytes.count {
                if bytes[start..<start + pattern.count].elementsEqual(pattern) { return (number, start) }
                start += 1
            }
        }
        return nil
    }
}
