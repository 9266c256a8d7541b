import Foundation
import HandbookContent
import Testing

@Suite struct JSONStringLiteralTests {
    @Test func escapesQuotesBackslashesAndControlCharactersOnly() {
        #expect(JSONStringLiteral.quoted("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(JSONStringLiteral.quoted("l1\nl2\r\tx\u{01}\u{1F}") == #""l1\nl2\r\tx\u0001\u001f""#)
        #expect(JSONStringLiteral.quoted("Ünïcödé 🔑 </script>") == "\"Ünïcödé 🔑 </script>\"")
        #expect(JSONStringLiteral.quoted("") == "\"\"")
    }

    @Test func decodesBackToTheSameString() throws {
        let text = "quote \" backslash \\ tab \t bell \u{07} é 🔑 \u{2028} end"
        let decoded = try JSONDecoder().decode(String.self, from: Data(JSONStringLiteral.quoted(text).utf8))
        #expect(decoded == text)
    }
}
