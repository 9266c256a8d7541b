import PostgresNIO
import TrainingRecords

/// A batch of records as one array per column, inserted with one `INSERT … SELECT FROM unnest(…)`:
/// one statement per batch, however many records it holds. A prepared statement, so that each
/// connection has the server parse and plan it once, not once per batch.
struct InsertColumns: PostgresPreparedStatement {
    static let name = "attest_insert_records"
    static let sql = """
        INSERT INTO attempts (sequence, id, person, quiz_id, quiz_content_sha256, policy_versions, answers,
            score_percent, passed, recorded_at, identity_source, import_key, previous_hash, hash, kind)
        SELECT s, i, p, q, qh, pv, a, sc, ps, r, src, NULLIF(k, ''), ph, h, kd
        FROM unnest($1::int8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
            $8::int4[], $9::bool[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
            AS u(s, i, p, q, qh, pv, a, sc, ps, r, src, k, ph, h, kd)
        """
    typealias Row = ()

    private var sequences: [Int64] = []
    private var ids: [String] = []
    private var people: [String] = []
    private var quizIDs: [String] = []
    private var quizHashes: [String] = []
    private var policyVersions: [String] = []
    private var answers: [String] = []
    private var scores: [Int32] = []
    private var passed: [Bool] = []
    private var recordedAt: [String] = []
    private var identitySources: [String] = []
    /// "" for none (an array element cannot be NULL here); NULLIF restores NULL.
    private var importKeys: [String] = []
    private var previousHashes: [String] = []
    private var hashes: [String] = []
    private var kinds: [String] = []

    var count: Int { sequences.count }

    mutating func append(_ record: AttemptRecord, importKey: String?) {
        sequences.append(record.sequence)
        ids.append(record.id)
        people.append(record.person)
        quizIDs.append(record.quizID)
        quizHashes.append(record.quizContentSHA256)
        policyVersions.append(CanonicalJSON.serialize(record.policyVersions))
        answers.append(CanonicalJSON.serialize(record.answers))
        scores.append(Int32(clamping: record.scorePercent))
        passed.append(record.passed)
        recordedAt.append(record.recordedAt)
        identitySources.append(record.identitySource)
        importKeys.append(importKey ?? "")
        previousHashes.append(record.previousHash)
        hashes.append(record.hash)
        kinds.append(record.kind.rawValue)
    }

    func makeBindings() -> PostgresBindings {
        var binds = PostgresBindings(capacity: 15)
        binds.append(sequences)
        binds.append(ids)
        binds.append(people)
        binds.append(quizIDs)
        binds.append(quizHashes)
        binds.append(policyVersions)
        binds.append(answers)
        binds.append(scores)
        binds.append(passed)
        binds.append(recordedAt)
        binds.append(identitySources)
        binds.append(importKeys)
        binds.append(previousHashes)
        binds.append(hashes)
        binds.append(kinds)
        return binds
    }

    func decodeRow(_ row: PostgresRow) throws {}

    func insert(on connection: PostgresConnection) async throws {
        _ = try await connection.execute(self, logger: PostgresRecordStore.logger)
    }
}
