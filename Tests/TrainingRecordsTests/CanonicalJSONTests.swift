import Testing
import TrainingRecords

@Suite struct CanonicalJSONTests {
    /// The expected text and hash were computed independently with Python:
    /// `json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` and hashlib.sha256.
    @Test func recordHashMatchesAnIndependentComputation() {
        let record = AttemptRecord(
            sequence: 2, id: "5f1c2a9e-0000-4000-8000-000000000001", person: "zoë@example.com", quizID: "keys",
            quizContentSHA256: String(repeating: "ab", count: 32),
            policyVersions: ["key-rotation": "2.1", "Access": "1.0"],
            answers: ["10": ["a"], "2": ["a", "c"], "1": ["b"]], scorePercent: 66, passed: false,
            recordedAt: "2026-11-27T18:42:04.123Z", identitySource: "proxy",
            previousHash: String(repeating: "00", count: 32), hash: "")
        #expect(
            record.canonicalContent
                == #"{"answers":{"1":["b"],"10":["a"],"2":["a","c"]},"id":"5f1c2a9e-0000-4000-8000-000000000001","#
                + #""identity_source":"proxy","passed":false,"person":"zoë@example.com","#
                + #""policy_versions":{"Access":"1.0","key-rotation":"2.1"},"previous_hash":""#
                + String(repeating: "00", count: 32) + #"","quiz_content_sha256":""#
                + String(repeating: "ab", count: 32)
                + #"","quiz_id":"keys","recorded_at":"2026-11-27T18:42:04.123Z","score_percent":66,"sequence":2}"#)
        #expect(record.computedHash == "b446db00bda842b073e1a91b701fe95c1b61d8d21000e7ed17f1778b205d1d90")
    }

    @Test func escapesOnlyQuotesBackslashesAndControlCharacters() {
        let text = CanonicalJSON.serialize(.object(["a\"\\\n\t\u{01}é": .string("x\u{1F}\u{7F}")]))
        #expect(text == "{\"a\\\"\\\\\\n\\t\\u0001é\":\"x\\u001f\u{7F}\"}")
    }

    @Test func keysSortByCodePointNotByLocale() {
        // "Z" (U+005A) sorts before "a" (U+0061), and "é" (U+00E9) after "z".
        let text = CanonicalJSON.serialize(
            .object(["é": .integer(1), "z": .integer(2), "a": .integer(3), "Z": .bool(true)]))
        #expect(text == #"{"Z":true,"a":3,"z":2,"é":1}"#)
    }
}
