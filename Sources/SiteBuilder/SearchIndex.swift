import Foundation

/// The offline search index: one entry per page, written as `search-index.json` and as
/// `search-index.js` (the same data as a script, so that search works from `file://`, where
/// browsers refuse to fetch files).
struct SearchIndex: Sendable {
    struct Entry: Codable, Equatable, Sendable {
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

    /// `{"pages":[…]}`, keys sorted: byte-identical for the same pages.
    func json() throws -> String {
        let encoder = Self.encoder()
        return Self.json(fragments: try entries.map { try Self.fragment(of: $0, encoder: encoder) })
    }

    /// The JSON assigned to `window.ATTEST_SEARCH_INDEX`.
    func script() throws -> String {
        Self.script(json: try json())
    }

    /// The JSON of one entry, as it appears in ``json()``: an incremental rebuild keeps each page's
    /// fragment and re-encodes only the pages it rendered again.
    static func fragment(of entry: Entry, encoder: JSONEncoder = encoder()) throws -> String {
        String(decoding: try encoder.encode(entry), as: UTF8.self)
    }

    /// The index from its entries' fragments, in URL order.
    static func json(fragments: [String]) -> String {
        "{\"pages\":[" + fragments.joined(separator: ",") + "]}\n"
    }

    /// The script form of `json`.
    static func script(json: String) -> String {
        // `removeLast()` looks at the last character only; `dropLast()` would walk the whole index.
        var object = json
        object.removeLast()
        return "window.ATTEST_SEARCH_INDEX = " + object + ";\n"
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
