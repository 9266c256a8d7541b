/// A server's reply: a three-digit code and its lines of text (without the code).
public struct SMTPReply: Hashable, Sendable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx.
    public var isPositive: Bool { (200..<300).contains(code) }

    /// `550 no such user` (the lines joined, cut to a readable length).
    public var description: String {
        let text = lines.joined(separator: " ")
        return "\(code) " + (text.count > 200 ? String(text.prefix(200)) + "…" : text)
    }
}
