/// `attest training export --format csv`: one row per record (attempt or policy acceptance, `kind`),
/// in sequence order, with every stored field (so that the chain can be checked from the file too).
/// An acceptance's row has an empty `quiz`, the policy and version accepted in `policy_versions`, the
/// SHA-256 of the policy's source in `quiz_content_sha256`, empty answers, score 0 and passed false.
public enum AttemptCSVExport {
    /// The column names, in order.
    public static let header = [
        "sequence", "id", "person", "quiz", "quiz_content_sha256", "policy_versions", "answers", "score_percent",
        "passed", "recorded_at", "identity_source", "previous_hash", "hash", "kind",
    ]

    /// The CSV text: a header, then one row per record. `policy_versions` is `id@version` pairs joined
    /// by `;`, sorted by id; `answers` is canonical JSON.
    public static func csv(_ records: [AttemptRecord]) -> String {
        var output = CSVText.row(header)
        for record in records {
            let versions = CanonicalJSON.sortedKeys(record.policyVersions.keys)
                .map { "\($0)@\(record.policyVersions[$0]!)" }.joined(separator: ";")
            output += CSVText.row([
                String(record.sequence), record.id, record.person, record.quizID, record.quizContentSHA256, versions,
                CanonicalJSON.serialize(record.answers), String(record.scorePercent),
                record.passed ? "true" : "false", record.recordedAt, record.identitySource, record.previousHash,
                record.hash, record.kind.rawValue,
            ])
        }
        return output
    }
}
