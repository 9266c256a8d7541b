import HandbookContent

/// The offline search index: one entry per page, written as `search-index.json` and as
/// `search-index.js` (the same data as a script, so that search works from `file://`, where
/// browsers refuse to fetch files).
struct SearchIndex: Sendable {
    struct Entry: Codable, Sendable, Equatable {
        var title: String
        /// Relative to the site root.
        var url: String
        var section: String
        var summary: String?
        var text: String
    }

    /// Entries sorted by URL.
    var entries: [Entry]

    init(entries: [Entry]) { self.entries = entries.sorted { $0.url < $1.url } }

    /// The longest text kept per page.
    static let textLimit = 20_000

    /// `text` cut at ``textLimit`` characters. Most pages are shorter, and counting bytes is O(1)
    /// where counting characters walks the whole text.
    static func clipped(_ text: String) -> String {
        text.utf8.count <= textLimit ? text : String(text.prefix(textLimit))
    }

    /// `{"pages":[…]}`, keys sorted: byte-identical for the same pages.
    ///
    /// Written by hand rather than with `JSONEncoder`: the index holds every page's text (tens of
    /// megabytes for a big handbook), and the encoder's generic path was a visible share of a build.
    func json() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(entries.reduce(64) { $0 + $1.text.utf8.count + $1.title.utf8.count + 96 })
        out.append(contentsOf: #"{"pages":["#.utf8)
        for (n, entry) in entries.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            // Keys in sorted order, as JSONEncoder's .sortedKeys wrote them.
            Self.appendMember("section", entry.section, first: true, to: &out)
            if let summary = entry.summary { Self.appendMember("summary", summary, to: &out) }
            Self.appendMember("text", entry.text, to: &out)
            Self.appendMember("title", entry.title, to: &out)
            Self.appendMember("url", entry.url, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// The JSON assigned to `window.ATTEST_SEARCH_INDEX`, from ``json()``'s text.
    static func script(json: String) -> String {
        var body = json
        if body.utf8.last == UInt8(ascii: "\n") { body.removeLast() }
        return "window.ATTEST_SEARCH_INDEX = " + body + ";\n"
    }

    private static func appendMember(_ key: String, _ value: String, first: Bool = false, to out: inout [UInt8]) {
        out.append(UInt8(ascii: first ? "{" : ","))
        appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        appendString(value, to: &out)
    }

    /// `value` as a JSON string literal (``JSONStringLiteral``).
    static func appendString(_ value: String, to out: inout [UInt8]) {
        JSONStringLiteral.append(value, to: &out)
    }
}
