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

    /// `{"pages":[…]}`, keys sorted: byte-identical for the same pages. Made of the same per-page
    /// fragments (``fragment(of:)``) that an incremental rebuild keeps.
    ///
    /// Written by hand rather than with `JSONEncoder`: the index holds every page's text (tens of
    /// megabytes for a big handbook), and the encoder's generic path was a visible share of a build.
    func json() -> String {
        SearchIndexText(fragments: entries.map(Self.fragment(of:))).json
    }

    /// The JSON assigned to `window.ATTEST_SEARCH_INDEX`, from ``json()``'s text.
    static func script(json: String) -> String {
        var body = json
        if body.utf8.last == UInt8(ascii: "\n") { body.removeLast() }
        return "window.ATTEST_SEARCH_INDEX = " + body + ";\n"
    }
}
