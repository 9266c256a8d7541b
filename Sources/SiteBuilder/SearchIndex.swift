import Foundation

/// The offline search index: one entry per page, written as `search-index.json` and as
/// `search-index.js` (the same data as a script, so that search works from `file://`, where
/// browsers refuse to fetch files).
struct SearchIndex: Sendable {
    struct Entry: Codable, Sendable {
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(["pages": entries])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The JSON assigned to `window.ATTEST_SEARCH_INDEX`.
    func script() throws -> String {
        "window.ATTEST_SEARCH_INDEX = " + (try json()).dropLast() + ";\n"
    }
}
