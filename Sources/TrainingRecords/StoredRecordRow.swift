/// A stored record's row as a store reads it (columns in ``SQLiteRecordStore``'s and
/// ``PostgresRecordStore``'s order: sequence, id, person, quiz_id, quiz_content_sha256,
/// policy_versions, answers, score_percent, passed, recorded_at, identity_source, previous_hash,
/// hash, kind), decoded without trusting it: a tampered or malformed column gives an
/// ``UnreadableRecordRow`` naming the column, never a crash. Each store says how it reads a cell.
public struct StoredRecordRow {
    /// Column `index` as text, nil when it is not text.
    let text: (Int) -> String?
    /// Column `index` as an integer, nil when it is not one.
    let integer: (Int) -> Int64?
    /// Column `index` as a boolean, nil when it is not one (SQLite: 0 or 1).
    let flag: (Int) -> Bool?

    public init(text: @escaping (Int) -> String?, integer: @escaping (Int) -> Int64?, flag: @escaping (Int) -> Bool?) {
        self.text = text
        self.integer = integer
        self.flag = flag
    }

    /// The record, or what is wrong with the row.
    public func decode() -> Result<AttemptRecord, UnreadableRecordRow> {
        let sequence = integer(0) ?? 0
        let id = self.text(1) ?? ""
        func unreadable(_ reason: String) -> UnreadableRecordRow {
            UnreadableRecordRow(sequence: sequence, id: id, reason: reason)
        }
        func text(_ index: Int, _ name: String) throws(UnreadableRecordRow) -> String {
            guard let text = self.text(index) else { throw unreadable("\(name) is not text") }
            return text
        }
        func json<T>(_ index: Int, _ name: String, _ parse: (String) -> T?) throws(UnreadableRecordRow) -> T {
            guard let decoded = parse(try text(index, name)) else {
                throw unreadable("\(name) is not valid JSON of the right shape")
            }
            return decoded
        }
        do throws(UnreadableRecordRow) {
            guard integer(0) != nil else { throw unreadable("sequence is not an integer") }
            guard let score = integer(7), let scorePercent = Int(exactly: score) else {
                throw unreadable("score_percent is not an integer")
            }
            guard let passed = flag(8) else { throw unreadable("passed is not a boolean") }
            guard let kind = RecordKind(rawValue: try text(13, "kind")) else {
                throw unreadable("kind is not attempt or acceptance")
            }
            let record = AttemptRecord(
                sequence: sequence, id: try text(1, "id"), person: try text(2, "person"),
                quizID: try text(3, "quiz_id"), quizContentSHA256: try text(4, "quiz_content_sha256"),
                policyVersions: try json(5, "policy_versions", JSONShapeReader.strings),
                answers: try json(6, "answers", JSONShapeReader.stringLists), scorePercent: scorePercent,
                passed: passed, recordedAt: try text(9, "recorded_at"),
                identitySource: try text(10, "identity_source"), previousHash: try text(11, "previous_hash"),
                hash: try text(12, "hash"), kind: kind)
            return .success(record)
        } catch {
            return .failure(error)
        }
    }
}

/// A stored row that is not a record (see ``StoredRecordRow``).
public struct UnreadableRecordRow: Error, Sendable {
    public var sequence: Int64
    public var id: String
    public var reason: String
}
