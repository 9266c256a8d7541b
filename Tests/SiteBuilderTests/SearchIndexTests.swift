import Foundation
import Testing

@testable import SiteBuilder

@Suite struct SearchIndexTests {
    static let tricky = SearchIndex(entries: [
        .init(
            title: "Quotes \" and \\ backslashes", url: "policies/b/index.html", section: "Keys / secrets",
            summary: "Tabs\tnew\nlines\r and \u{01}\u{1F} controls", text: "Ünïcödé 🔑 </script> & <b>"),
        .init(title: "A", url: "a/index.html", section: "", summary: nil, text: ""),
    ])

    @Test func jsonRoundTripsEveryCharacter() throws {
        let json = Self.tricky.json()
        let decoded = try JSONDecoder().decode([String: [SearchIndex.Entry]].self, from: Data(json.utf8))
        #expect(decoded["pages"] == Self.tricky.entries)
        #expect(json.hasSuffix("]}\n"))
    }

    @Test func jsonMatchesJSONEncoderWithSortedKeys() throws {
        // Without control characters (whose \u spelling is the encoder's choice) the bytes are the same.
        let index = SearchIndex(entries: [
            .init(
                title: "Key \"rotation\"", url: "p/r/index.html", section: "Keys/x", summary: "Roll é",
                text: "a\\b\nc"),
            .init(title: "Intro", url: "index.html", section: "", summary: nil, text: "Welcome"),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(["pages": index.entries]), as: UTF8.self) + "\n"
        #expect(index.json() == expected)
    }

    @Test func scriptAssignsTheSameJSON() {
        let json = Self.tricky.json()
        let script = SearchIndex.script(json: json)
        #expect(script == "window.ATTEST_SEARCH_INDEX = " + json.dropLast() + ";\n")
    }

    @Test func clippedCutsAtTheCharacterLimit() {
        let long = String(repeating: "é", count: SearchIndex.textLimit + 5)
        #expect(SearchIndex.clipped(long).count == SearchIndex.textLimit)
        #expect(SearchIndex.clipped("short") == "short")
    }
}
