import Foundation
import Testing

@testable import TrainingRecords

@Suite struct JSONShapeReaderTests {
    @Test(arguments: [
        "{}", " { } ", #"{"key-access":"1.0","key-management":"1.0"}"#,
        "{ \"a\" :\t\"b\" ,\n \"c\": \"\" }", #"{"esc":"q\" b\\ s\/ \b\f\n\r\t"}"#,
        #"{"u":"\u00e9\u20AC\ud83d\udd11 é"}"#, #"{"a":"1","a":"2"}"#,
    ])
    func stringObjectsReadAsFoundationReadsThem(_ text: String) throws {
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(JSONShapeReader.strings(text) == expected)
    }

    @Test(arguments: [
        "{}", #"{"q1":["a"],"q2":["b","c"],"q3":[]}"#, "{ \"q\" : [ \"a\" , \"b\\n\" ] }",
    ])
    func listObjectsReadAsFoundationReadsThem(_ text: String) throws {
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String]])
        #expect(JSONShapeReader.stringLists(text) == expected)
    }

    @Test(arguments: [
        "", "[]", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1}", "{\"a\":\"b\",}", "{\"a\":\"b\"} x",
        "{\"a\":\"b\" \"c\":\"d\"}", "{\"a\":\"b\nc\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}", "{a:\"b\"}", "{\"a\":null}", "{\"a\":[\"b\"]}",
    ])
    func anythingElseIsRejected(_ text: String) {
        #expect(JSONShapeReader.strings(text) == nil)
    }

    @Test(arguments: ["{\"q\":\"a\"}", "{\"q\":[1]}", "{\"q\":[\"a\",]}", "{\"q\":[\"a\"}", "{\"q\":[[\"a\"]]}"])
    func listsOfAnythingElseAreRejected(_ text: String) {
        #expect(JSONShapeReader.stringLists(text) == nil)
    }

    @Test(arguments: [
        #"{"skip":{"n":[1,-2.5e+3,0,true,false,null,{"x":"y"}],"s":"\u00e9"},"keep":"k"}"#,
        #"{"skip":[],"keep":"k","skip2":{}}"#, #"{"skip":-0.0E1,"keep":"k"}"#,
    ])
    func unaskedValuesOfAnyKindAreSkipped(_ text: String) throws {
        let kept = try JSONShapeReader.read(text) { (reader: inout JSONShapeReader) throws(JSONShapeReader.Malformed) in
            var kept: String?
            try reader.object { (key, reader) throws(JSONShapeReader.Malformed) in
                if key == "keep" { kept = try reader.string() } else { try reader.skipValue() }
            }
            return kept
        }
        #expect(kept == "k")
    }

    @Test(arguments: [
        (#"{"skip":01}"#, 8), (#"{"skip":1.}"#, 10), (#"{"skip":tru}"#, 8), (#"{"skip":[1 2]}"#, 11),
        (#"{"skip":"#, 8),
    ])
    func malformedSkippedValuesSayWhere(_ text: String, offset: Int) {
        #expect(throws: JSONShapeReader.Malformed.self) {
            try JSONShapeReader.read(text) { (reader: inout JSONShapeReader) throws(JSONShapeReader.Malformed) in
                try reader.object { (_, reader) throws(JSONShapeReader.Malformed) in try reader.skipValue() }
            }
        }
        do {
            try JSONShapeReader.read(text) { (reader: inout JSONShapeReader) throws(JSONShapeReader.Malformed) in
                try reader.object { (_, reader) throws(JSONShapeReader.Malformed) in try reader.skipValue() }
            }
        } catch {
            #expect(error.offset == offset, "\(error)")
        }
    }

    @Test func anErrorNamesTheMemberItIsIn() {
        #expect(throws: JSONShapeReader.Malformed(offset: 18, expected: "a string", path: ["q2"])) {
            try JSONShapeReader.read(#"{"q1":["a"],"q2":[1]}"#) {
                (reader: inout JSONShapeReader) throws(JSONShapeReader.Malformed) in try reader.stringListMap()
            }
        }
        let error = JSONShapeReader.Malformed(offset: 17, expected: "a string", path: ["answers", "2"])
        #expect(error.description == "at byte 17, in 'answers.2': expected a string")
    }
}
