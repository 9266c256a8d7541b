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
    /// (shown on several lines here; the real text is one line). `previous_hash` is the preceding
    /// record's `hash`, or `""` for sequence 1. In Python:
    ///
    /// ```python
    /// content = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    /// hash = hashlib.sha256(content.encode("utf-8")).hexdigest()
    /// ```
    public var canonicalContent: String {
        CanonicalJSON.serialize(
            .object([
                "sequence": .integer(sequence),
                "id": .string(id),
                "person": .string(person),
                "quiz_id": .string(quizID),
                "quiz_content_sha256": .string(quizContentSHA256),
                "policy_versions": .object(policyVersions.mapValues { .string($0) }),
                "answers": .object(answers.mapValues { .array($0.map { .string($0) }) }),
                "score_percent": .integer(Int64(scorePercent)),
                "passed": .bool(passed),
                "recorded_at": .string(recordedAt),
                "identity_source": .string(identitySource),
                "previous_hash": .string(previousHash),
            ]))
    }

    /// Lowercase hex SHA-256 of ``canonicalContent``: what ``hash`` must be.
    public var computedHash: String {
        SHA256.hash(data: Array(canonicalContent.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
