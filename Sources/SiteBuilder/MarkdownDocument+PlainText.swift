import Markdown

extension MarkdownDocument {
    /// The document's words without markup, whitespace collapsed, cut at `limit` characters:
    /// what the search index holds. Gathered as bytes straight from the tree's literals.
    func plainText(limit: Int) -> String {
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(min(source.utf8.count, limit * 4))
        var pendingSpace = false
        // Collapse runs of ASCII white space on bytes; Character-level splitting dominated big builds.
        func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            for byte in bytes {
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    pendingSpace = !collapsed.isEmpty
                    continue
                }
                if pendingSpace { collapsed.append(0x20) }
                pendingSpace = false
                collapsed.append(byte)
            }
        }
        forEachNode { node in
            switch node.kind {
            case .text, .code, .codeBlock:
                node.withLiteralBytes(append)
                pendingSpace = !collapsed.isEmpty
            case .softBreak, .lineBreak: pendingSpace = !collapsed.isEmpty
            default: break
            }
            return collapsed.count <= limit * 4
        }
        let result = String(decoding: collapsed, as: UTF8.self)
        // No more bytes than `limit`: no more characters either, and counting characters is O(n).
        return collapsed.count <= limit ? result : String(result.prefix(limit))
    }
}
