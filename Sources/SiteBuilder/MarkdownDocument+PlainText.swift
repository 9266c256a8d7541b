import Markdown

extension MarkdownDocument {
    /// The document's words without markup, whitespace collapsed, cut at `limit` characters:
    /// what the search index holds.
    func plainText(limit: Int) -> String {
        var text = ""
        for node in allNodes() {
            switch node.kind {
            case .text, .code, .codeBlock:
                text += node.literal ?? ""
                text += " "
            case .softBreak, .lineBreak: text += " "
            default: continue
            }
            if text.count > limit * 2 { break }
        }
        return String(text.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(limit))
    }
}
