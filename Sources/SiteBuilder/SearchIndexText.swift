import HandbookContent

/// The search index of a site as its pages' JSON fragments, in URL order: written as
/// `search-index.json` and `search-index.js` piece by piece, so that an incremental rebuild never
/// assembles the whole index (tens of megabytes for 10,000 pages) in memory to write it.
public struct SearchIndexText: Sendable {
    /// One JSON object per page (see ``SearchIndex/fragment(of:)``).
    let fragments: [String]

    static let jsonName = "search-index.json"
    static let scriptName = "search-index.js"
    private static let scriptPrefix = "window.ATTEST_SEARCH_INDEX = "

    /// `search-index.json`, whole (for a site served from memory).
    public var json: String { jsonPieces().joined() }

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

extension SearchIndex {
    /// One entry as it appears in ``json()`` (keys in sorted order): an incremental rebuild keeps each
    /// page's fragment and encodes again only the pages it rendered again.
    static func fragment(of entry: Entry) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(entry.text.utf8.count + entry.title.utf8.count + 96)
        func member(_ key: String, _ value: String) {
            out.append(UInt8(ascii: out.isEmpty ? "{" : ","))
            JSONStringLiteral.append(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONStringLiteral.append(value, to: &out)
        }
        member("section", entry.section)
        if let summary = entry.summary { member("summary", summary) }
        member("text", entry.text)
        member("title", entry.title)
        member("url", entry.url)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
