import Foundation
import Testing

@testable import TrainingRecords

@Suite struct StringMapJSONParserTests {
    @Test(arguments: [
        "{}", " { } ", #"{"key-access":"1.0","key-management":"1.0"}"#,
        "{ \"a\" :\t\"b\" ,\n \"c\": \"\" }", #"{"esc":"q\" b\\ s\/ \b\f\n\r\t"}"#,
        #"{"u":"\u00e9\u20AC\ud83d\udd11 é"}"#, #"{"a":"1","a":"2"}"#,
    ])
    func stringObjectsReadAsFoundationReadsThem(_ text: String) throws {
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(StringMapJSONParser.strings(text) == expected)
    }

    @Test(arguments: [
        "{}", #"{"q1":["a"],"q2":["b","c"],"q3":[]}"#, "{ \"q\" : [ \"a\" , \"b\\n\" ] }",
    ])
    func listObjectsReadAsFoundationReadsThem(_ text: String) throws {
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String]])
        #expect(StringMapJSONParser.stringLists(text) == expected)
    }

    @Test(arguments: [
        "", "[]", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x",
        "{\"a\":\"b\" \"c\":\"d\"}", "{\"a\":\"b\nc\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{a:\"b\"}", "{\"a\":null}", "{\"a\":[\"b\"]}",
    ])
    func anythingElseIsRejected(_ text: String) {
        #expect(StringMapJSONParser.strings(text) == nil)
    }

    @Test(arguments: ["{\"q\":\"a\"}", "{\"q\":[1]}", "{\"q\":[\"a\",]}", "{\"q\":[\"a\"}", "{\"q\":[[\"a\"]]}"])
    func listsOfAnythingElseAreRejected(_ text: String) {
        #expect(StringMapJSONParser.stringLists(text) == nil)
    }
}
