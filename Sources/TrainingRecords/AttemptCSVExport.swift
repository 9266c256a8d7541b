/// `attest training export --format csv`: one row per record (attempt or policy acceptance, `kind`),
/// in sequence order, with every stored field (so that the chain can be checked from the file too);
/// the evidence package writes the same rows without the answers.
/// An acceptance's row has an empty `quiz`, the policy and version accepted in `policy_versions`, the
/// SHA-256 of the policy's source in `quiz_content_sha256`, empty answers, score 0 and passed false.
public enum AttemptCSVExport {
    /// The column names, in order.
    public static let header = [
        "sequence", "id", "person", "quiz", "quiz_content_sha256", "policy_versions", "answers", "score_percent",
        "passed", "recorded_at", "identity_source", "previous_hash", "hash", "kind",
    ]

    /// The CSV text: a header, then one row per record. `policy_versions` is `id@version` pairs joined
    /// by `;`, sorted by id; `answers` is canonical JSON, and the column is left out when
    /// `includeAnswers` is false (an evidence package holds no quiz answers).
    public static func csv(_ records: [AttemptRecord], includeAnswers: Bool = true) -> String {
        var output = CSVText.row(includeAnswers ? header : header.filter { $0 != "answers" })
        for record in records {
            let versions = CanonicalJSON.sortedKeys(record.policyVersions.keys)
                .map { "\($0)@\(record.policyVersions[$0]!)" }.joined(separator: ";")
            var fields = [
                String(record.sequence), record.id, record.person, record.quizID, record.quizContentSHA256, versions,
                String(record.scorePercent), record.passed ? "true" : "false", record.recordedAt,
                record.identitySource, record.previousHash, record.hash, record.kind.rawValue,
            ]
            if includeAnswers { fields.insert(CanonicalJSON.serialize(record.answers), at: 6) }
            output += CSVText.row(fields)
        }
        return output
    }
}
