/// The search index of a site as its pages' JSON fragments, in URL order: written as
/// `search-index.json` and `search-index.js` piece by piece, so that an incremental rebuild never
/// assembles the whole index (tens of megabytes for 10,000 pages) in memory to write it.
public struct SearchIndexText: Sendable {
    /// One JSON object per page (see ``SearchIndex/fragment(of:encoder:)``).
    let fragments: [String]

    static let jsonName = "search-index.json"
    static let scriptName = "search-index.js"
    private static let scriptPrefix = "window.ATTEST_SEARCH_INDEX = "

    /// `search-index.json`, whole (for a site served from memory).
    public var json: String { SearchIndex.json(fragments: fragments) }

    /// `search-index.json` and `search-index.js`, whole.
    public func texts() -> (json: String, script: String) {
        let json = json
        return (json, SearchIndex.script(json: json))
    }

    /// The pieces of `search-index.json`, in order.
    func jsonPieces() -> [String] {
        var pieces = ["{\"pages\":["]
        pieces.reserveCapacity(fragments.count * 2 + 2)
        for (index, fragment) in fragments.enumerated() {
            if index > 0 { pieces.append(",") }
            pieces.append(fragment)
        }
        pieces.append("]}\n")
        return pieces
    }

    /// The pieces of `search-index.js`, in order.
    func scriptPieces() -> [String] {
        var pieces = jsonPieces()
        pieces[0] = Self.scriptPrefix + pieces[0]
        pieces[pieces.count - 1] = "]};\n"
        return pieces
    }
}
