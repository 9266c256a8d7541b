/// A link or image destination found in a document.
public struct MarkdownLink: Hashable, Sendable {
    /// The destination as written (after entity and escape decoding).
    public var destination: String
    /// Whether this is an image rather than a link.
    public var isImage: Bool
    /// 1-based source line (of the link where cmark tracks it, else of its block).
    public var line: Int
    /// 1-based source column (1 where unknown).
    public var column: Int

    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}
