import HandbookContent
import Testing

@Suite struct PageReaderTests {
    static func read(_ text: String, path: String) throws -> (page: HandbookPage?, diagnostics: [Diagnostic]) {
        PageReader.read(try SourceFile(bytes: Array(text.utf8), path: path))
    }

    @Test func titleComesFromFrontMatterThenHeadingThenFileName() throws {
        #expect(try Self.read("---\ntitle: Given\n---\n# Heading\n", path: "content/a/b.md").page?.title == "Given")
        #expect(try Self.read("Intro\n\n## First *heading*\n", path: "content/a/b.md").page?.title == "First heading")
        #expect(try Self.read("No heading.\n", path: "content/a/notes.md").page?.title == "notes")
        #expect(try Self.read("No heading.\n", path: "content/a/index.md").page?.title == "a")
        #expect(try Self.read("No heading.\n", path: "content/index.md").page?.title == "Home")
    }

    @Test func readsFieldsAndPlace() throws {
        let text = "---\nsummary: S\ndraft: true\nweight: -3\nlayout: jekyll-only\n---\n# T\n"
        let (page, diagnostics) = try Self.read(text, path: "content/guides/deep/setup.md")
        #expect(diagnostics.isEmpty)
        let value = try #require(page)
        #expect(value.title == "T")
        #expect(value.summary == "S")
        #expect(value.draft)
        #expect(value.weight == -3)
        #expect(value.section == "guides/deep")
        #expect(value.isIndex == false)
        #expect(value.body == "# T\n")
        #expect(value.bodyStartLine == 7)
        #expect(value.sourceSHA256 == SourceFile.hexDigest(Array(text.utf8)))
    }

    @Test func badFieldsAreErrors() throws {
        let (page, diagnostics) = try Self.read("---\nweight: heavy\ndraft: [1]\n---\n", path: "content/p.md")
        #expect(page == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/p.md:3:8: error: 'draft' must be true or false, got a list",
                "content/p.md:2:9: error: 'weight' must be a whole number, got 'heavy'",
            ])
    }
}
