import HandbookContent
import Testing

@Suite struct SourceFileAndFrontMatterTests {
    @Test func hashesTheBytes() throws {
        let file = try SourceFile(bytes: Array("abc".utf8), path: "content/a.md")
        // The SHA-256 test vector for "abc" (FIPS 180-2).
        #expect(file.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(file.text == "abc")
    }

    @Test func nonUTF8IsAnErrorAtTheLineOfTheBadByte() {
        #expect {
            try SourceFile(bytes: [0x61, 0x0A, 0x62, 0xFF, 0x0A], path: "content/bad.md")
        } throws: { error in
            (error as? Diagnostic)?.description
                == "content/bad.md:2:1: error: file is not valid UTF-8 text; save it as UTF-8"
        }
    }

    @Test func lineEndsAreNormalizedButTheHashIsOfTheBytes() throws {
        let bytes = Array("a\r\nb\rc\n\rd".utf8)
        let file = try SourceFile(bytes: bytes, path: "content/a.md")
        #expect(file.text == "a\nb\nc\n\nd")
        #expect(file.sha256 == SourceFile.hexDigest(bytes))
    }

    @Test func unreadableFileIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect {
            try SourceFile(contentsOf: directory.path + "/missing.md", path: "content/missing.md")
        } throws: { error in
            let description = (error as? Diagnostic)?.description ?? ""
            return description.hasPrefix("content/missing.md:1:1: error: cannot read file:")
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let file = try SourceFile(bytes: [0xEF, 0xBB, 0xBF] + Array("---\na: 1\n---\nbody".utf8), path: "p.md")
        let frontMatter = try FrontMatter.split(file.text, path: file.path)
        #expect(frontMatter.yaml == "a: 1\n")
    }

    @Test func splitsFrontMatterAndBody() throws {
        let frontMatter = try FrontMatter.split("---\ntitle: A\nid: b\n---\n# Body\n\ntext\n", path: "p.md")
        #expect(frontMatter.yaml == "title: A\nid: b\n")
        #expect(frontMatter.yamlStartLine == 2)
        #expect(frontMatter.body == "# Body\n\ntext\n")
        #expect(frontMatter.bodyStartLine == 5)
    }

    @Test func handlesCRLFAndEmptyFrontMatter() throws {
        let crlf = try FrontMatter.split("---\r\ntitle: A\r\n---\r\nBody\r\n", path: "p.md")
        #expect(crlf.yaml == "title: A\r\n")
        #expect(crlf.body == "Body\r\n")
        #expect(crlf.bodyStartLine == 4)
        let empty = try FrontMatter.split("---\n---\n", path: "p.md")
        #expect(empty.yaml == "")
        #expect(empty.body == "")
    }

    @Test func withoutFrontMatterTheWholeFileIsBody() throws {
        let frontMatter = try FrontMatter.split("# Title\n---\n", path: "p.md")
        #expect(frontMatter.yaml == nil)
        #expect(frontMatter.body == "# Title\n---\n")
        #expect(frontMatter.bodyStartLine == 1)
    }

    @Test func unclosedFrontMatterIsAnError() {
        #expect {
            try FrontMatter.split("---\ntitle: A\n\n# Body\n", path: "content/p.md")
        } throws: { error in
            (error as? Diagnostic)?.description
                == "content/p.md:1:1: error: front matter is not closed: the '---' on line 1 needs a matching '---' line after the YAML"
        }
    }
}
