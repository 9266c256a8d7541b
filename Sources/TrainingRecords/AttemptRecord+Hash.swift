import Crypto

extension AttemptRecord {
    /// The exact bytes that ``hash`` is computed over, so that an auditor can recompute it.
    ///
    /// It is the ``CanonicalJSON`` text (keys sorted by code point, no whitespace, UTF-8) of this object,
    /// every field of the record except `hash` itself:
    ///
    /// ```
    /// {"answers":{"1":["b"],"2":["a","c"]},"id":"…","identity_source":"proxy","passed":true,
    ///  "person":"ana@example.com","policy_versions":{"key-rotation":"2.1"},"previous_hash":"…",
    ///  "quiz_content_sha256":"…","quiz_id":"keys","recorded_at":"2026-11-27T18:42:04.123Z",
    ///  "score_percent":100,"sequence":1}
    /// ```
    ///
    /// (shown on several lines here; the real text is one line). An acceptance has one more member,
    /// `"kind":"acceptance"` (between `identity_source` and `passed`); an attempt has none, so that
    /// every attempt recorded before acceptances existed hashes exactly as it did. `previous_hash` is the preceding
    /// record's `hash`, or `""` for sequence 1. In Python:
    ///
    /// ```python
    /// content = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    /// hash = hashlib.sha256(content.encode("utf-8")).hexdigest()
    /// ```
    public var canonicalContent: String {
        // Written directly, keys in code point order, because every append hashes a record.
        var output = ""
        output.reserveCapacity(512)
        output += #"{"answers":"#
        CanonicalJSON.append(answers, to: &output)
        output += #","id":"#
        CanonicalJSON.appendString(id, to: &output)
        output += #","identity_source":"#
        CanonicalJSON.appendString(identitySource, to: &output)
        if kind == .acceptance { output += #","kind":"acceptance""# }
        output += passed ? #","passed":true,"person":"# : #","passed":false,"person":"#
        CanonicalJSON.appendString(person, to: &output)
        output += #","policy_versions":"#
        CanonicalJSON.append(policyVersions, to: &output)
        output += #","previous_hash":"#
        CanonicalJSON.appendString(previousHash, to: &output)
        output += #","quiz_content_sha256":"#
        CanonicalJSON.appendString(quizContentSHA256, to: &output)
        output += #","quiz_id":"#
        CanonicalJSON.appendString(quizID, to: &output)
        output += #","recorded_at":"#
        CanonicalJSON.appendString(recordedAt, to: &output)
        output += #","score_percent":"# + String(scorePercent) + #","sequence":"# + String(sequence) + "}"
        return output
    }

    /// Lowercase hex SHA-256 of ``canonicalContent``: what ``hash`` must be.
    public var computedHash: String {
        var content = canonicalContent
        return content.withUTF8 { CanonicalJSON.hex(SHA256.hash(data: UnsafeRawBufferPointer($0))) }
    }
}
