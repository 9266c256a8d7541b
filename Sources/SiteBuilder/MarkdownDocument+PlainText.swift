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
            if text.utf8.count > limit * 4 { break }  // utf8.count is O(1); count would rescan
        }
        // Collapse runs of ASCII white space on bytes; Character-level splitting dominated big builds.
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(min(text.utf8.count, limit * 4))
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                pendingSpace = !collapsed.isEmpty
                continue
            }
            if pendingSpace { collapsed.append(0x20) }
            pendingSpace = false
            collapsed.append(byte)
        }
        let result = String(decoding: collapsed, as: UTF8.self)
        // No more bytes than `limit`: no more characters either, and counting characters is O(n).
        return collapsed.count <= limit ? result : String(result.prefix(limit))
    }
}
