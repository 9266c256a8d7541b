import CCmark

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A node of a ``MarkdownDocument``'s tree. Valid only while its document lives.
public struct MarkdownNode {
    /// The kinds of node cmark produces.
    public enum Kind: Equatable, Sendable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph, heading,
            thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline, emphasis, strong, link, image
        case unknown

        /// Whether this is a block-level node.
        public var isBlock: Bool {
            switch self {
            case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock, .paragraph,
                .heading, .thematicBreak:
                return true
            default: return false
            }
        }
    }

    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// What kind of node this is.
    public var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .unknown
        }
    }

    /// The node's children, in order.
    public var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = cmark_node_first_child(pointer)
        while let node = child {
            result.append(MarkdownNode(node))
            child = cmark_node_next(node)
        }
        return result
    }

    /// Calls `body` with the UTF-8 bytes of the node's literal text (text, code, code block and HTML
    /// nodes), without making a string of them; nil for nodes without one.
    public func withLiteralBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard let literal = cmark_node_get_literal(pointer) else { return nil }
        return literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
            body(UnsafeBufferPointer(start: bytes, count: strlen(literal)))
        }
    }

    /// The literal text of text, code, code block and HTML nodes.
    public var literal: String? {
        cmark_node_get_literal(pointer).map { String(cString: $0) }
    }

    /// The destination of a link or image.
    public var url: String? {
        cmark_node_get_url(pointer).map { String(cString: $0) }
    }

    /// The level (1–6) of a heading, 0 otherwise.
    public var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// 1-based line where the node starts in the source, 0 where cmark does not track it (inlines).
    public var startLine: Int { Int(cmark_node_get_start_line(pointer)) }

    /// 1-based column where the node starts, 0 where cmark does not track it.
    public var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }

    /// 1-based line where the node ends in the source, 0 where cmark does not track it.
    public var endLine: Int { Int(cmark_node_get_end_line(pointer)) }

    /// 1-based column (in bytes) of the node's last character, 0 where cmark does not track it.
    public var endColumn: Int { Int(cmark_node_get_end_column(pointer)) }

    /// The text of the node and its descendants, without markup (code spans included).
    public var plainText: String {
        var text = ""
        appendPlainText(to: &text)
        return text
    }

    private func appendPlainText(to text: inout String) {
        switch kind {
        case .text, .code: text += literal ?? ""
        case .softBreak, .lineBreak: text += " "
        default: for child in children { child.appendPlainText(to: &text) }
        }
    }

    /// Renders this node and its descendants as safe HTML.
    public func renderHTML() -> String {
        guard let html = cmark_render_html(pointer, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Renders the children of this node as safe HTML, without the node's own tag
    /// (e.g. a paragraph's inline content without `<p>`).
    public func renderChildrenHTML() -> String {
        children.map { $0.renderHTML() }.joined()
    }
}
