import CCmark

/// A parsed CommonMark document, backed by cmark's syntax tree.
///
/// Parse once, inspect or rewrite the tree through ``MarkdownNode``, then render.
/// Rendering is always safe: raw HTML is dropped and `javascript:`, `vbscript:`,
/// `file:` and non-image `data:` URLs are emptied by cmark itself.
///
/// A document is not thread-safe; create one per task.
public final class MarkdownDocument {
    private let root: OpaquePointer

    /// The Markdown text the document was parsed from: node lines and columns index into it.
    public let source: String

    /// Parses `source` as CommonMark. Never fails: every string is a document.
    public init(parsing source: String) {
        self.source = source
        let options = CMARK_OPT_NORMALIZE | CMARK_OPT_VALIDATE_UTF8
        var source = source
        root = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, options)
            }
        }
    }

    deinit { cmark_node_free(root) }

    /// The document node.
    public var rootNode: MarkdownNode { MarkdownNode(root) }

    /// Every node in document order (depth first, parents before children).
    public func allNodes() -> [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                nodes.append(MarkdownNode(node))
            }
        }
        return nodes
    }

    /// Calls `visit` with every node in document order (depth first, parents before children) until
    /// it returns false; no array of the nodes is made.
    public func forEachNode(_ visit: (MarkdownNode) -> Bool) {
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), !visit(MarkdownNode(node)) {
                break
            }
        }
    }

    /// Headings in document order.
    public func headings() -> [MarkdownHeading] {
        allNodes().compactMap { node in
            guard node.kind == .heading else { return nil }
            return MarkdownHeading(level: node.headingLevel, text: node.plainText, line: node.startLine)
        }
    }

    /// Links and images in document order, with the line of the block that holds them.
    public func links() -> [MarkdownLink] {
        var result: [MarkdownLink] = []
        var blockLine = 1
        for node in allNodes() {
            if node.kind.isBlock, node.startLine > 0 { blockLine = node.startLine }
            if node.kind == .link || node.kind == .image {
                let line = node.startLine > 0 ? node.startLine : blockLine
                result.append(
                    MarkdownLink(
                        destination: node.url ?? "", isImage: node.kind == .image, line: line,
                        column: max(node.startColumn, 1)))
            }
        }
        return result
    }

    /// Replaces each link and image destination with what `transform` returns for it.
    public func rewriteLinks(_ transform: (String) -> String) {
        for node in allNodes() where node.kind == .link || node.kind == .image {
            let old = node.url ?? ""
            let new = transform(old)
            if new != old { cmark_node_set_url(node.pointer, new) }
        }
    }

    /// Rewrites the literal of every prose text node (never code spans or code blocks).
    ///
    /// `transform` receives the text and the line of the block that holds it.
    public func rewriteText(_ transform: (String, Int) -> String) {
        var blockLine = 1
        for node in allNodes() {
            if node.kind.isBlock, node.startLine > 0 { blockLine = node.startLine }
            guard node.kind == .text, let literal = node.literal else { continue }
            let new = transform(literal, blockLine)
            if new != literal { cmark_node_set_literal(node.pointer, new) }
        }
    }

    /// Renders the document as HTML.
    ///
    /// - Parameter headingIDs: ids given, in order, to the document's headings
    ///   (`<h2 id="…">`); extra headings get none.
    public func renderHTML(headingIDs: [String] = []) -> String {
        let html = rootNode.renderHTML()
        return headingIDs.isEmpty ? html : Self.addHeadingIDs(headingIDs, to: html)
    }

    /// cmark writes every heading as a bare `<hN>` and escapes `<` everywhere else
    /// (raw HTML is omitted), so the n-th `<h1>`…`<h6>` tag is the n-th heading.
    static func addHeadingIDs(_ ids: [String], to html: String) -> String {
        guard !ids.isEmpty else { return html }
        var html = html
        return html.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + ids.count * 24)
            var next = 0
            var copied = 0  // bytes[..<copied] are in the output
            var i = 0
            let lt = UInt8(ascii: "<"), h = UInt8(ascii: "h"), gt = UInt8(ascii: ">")
            while next < ids.count, i + 3 < bytes.count {
                if bytes[i] == lt, bytes[i + 1] == h, (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[i + 2]),
                    bytes[i + 3] == gt
                {
                    // Copy the run up to and including `<hN`, then the id.
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i + 3]))
                    output.append(contentsOf: " id=\"\(HTMLEscaping.attribute(ids[next]))\">".utf8)
                    next += 1
                    i += 4
                    copied = i
                    continue
                }
                i += 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
    }
}
