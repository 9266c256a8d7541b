/// Walks a record chain in sequence order and names the first edited, inserted or deleted record.
///
/// For each record, in this order:
/// 1. its sequence must follow the previous one (1 for the first): a gap means records were
///    **deleted**;
/// 2. its `previous_hash` must be the previous record's hash (`""` for the first). When it is the
///    hash of an earlier record, the records after that one were **inserted**; when it is empty (as
///    if it were the first), this one was **inserted**; when it matches no record, the one it
///    followed was **deleted** (or replaced);
/// 3. its hash must equal ``AttemptRecord/computedHash``: otherwise its content was **edited**.
///
/// What the chain alone cannot show: records deleted from the *end*, or a chain rewritten from some
/// point on with freshly computed hashes. For that, an auditor writes down the head hash that
/// `attest training verify` prints and later passes it back with `--expect-head`: the chain must
/// still contain that record (records appended since are fine).
///
/// Feed records one by one with ``check(_:)`` (streaming, as ``SQLiteRecordStore/verifyChain(expectedHead:)``
/// does) or all at once with ``verify(_:expectedHead:)``.
public struct ChainVerifier: Sendable {
    private let expectedHead: String?
    /// Hashes and ids of the records seen, by position (sequence - 1 while the chain is intact).
    private var hashes: [String] = []
    private var ids: [String] = []
    private var positionByHash: [String: Int] = [:]
    /// The first problem; once set, further records are ignored.
    public private(set) var problem: ChainProblem?

    /// A verifier; with `expectedHead`, the chain must also contain the record with that hash.
    public init(expectedHead: String? = nil) {
        self.expectedHead = expectedHead?.lowercased()
    }

    /// Checks the next record in sequence order.
    public mutating func check(_ record: AttemptRecord) {
        guard problem == nil else { return }
        let expectedSequence = Int64(hashes.count + 1)
        if record.sequence != expectedSequence {
            let detail =
                record.sequence > expectedSequence
                ? (record.sequence - 1 == expectedSequence
                    ? "record \(expectedSequence) before it is missing"
                    : "records \(expectedSequence)–\(record.sequence - 1) before it are missing")
                : "its sequence number should be \(expectedSequence)"
            problem = ChainProblem(kind: .deleted, sequence: record.sequence, recordID: record.id, detail: detail)
            return
        }
        let previousHash = hashes.last ?? ""
        if record.previousHash != previousHash {
            if record.previousHash.isEmpty {
                problem = ChainProblem(
                    kind: .inserted, sequence: record.sequence, recordID: record.id,
                    detail: "not part of the chain: it links to no previous record, yet follows record \(hashes.count)")
            } else if let earlier = positionByHash[record.previousHash] {
                // It links to an earlier record: those after that one are not part of the chain.
                let first = earlier + 1
                let last = hashes.count - 1
                let detail =
                    first == last
                    ? "not part of the chain: record \(last + 2) links to the record before it"
                    : "records \(first + 1)–\(last + 1) are not part of the chain: record \(last + 2) links to record \(earlier + 1)"
                problem = ChainProblem(
                    kind: .inserted, sequence: Int64(first + 1), recordID: ids[first], detail: detail)
            } else {
                let detail =
                    hashes.isEmpty
                    ? "it is the first record but links to a previous one (\(record.previousHash.prefix(12))…), which is missing"
                    : "its previous hash \(record.previousHash.prefix(12))… matches no record: the record it followed was deleted or replaced"
                problem = ChainProblem(kind: .deleted, sequence: record.sequence, recordID: record.id, detail: detail)
            }
            return
        }
        if record.computedHash != record.hash {
            problem = ChainProblem(
                kind: .edited, sequence: record.sequence, recordID: record.id,
                detail: "its content does not match its hash")
            return
        }
        positionByHash[record.hash] = hashes.count
        hashes.append(record.hash)
        ids.append(record.id)
    }

    /// Records a row that cannot be read as a record.
    public mutating func reportUnreadable(sequence: Int64, id: String, _ reason: String) {
        guard problem == nil else { return }
        problem = ChainProblem(kind: .unreadable, sequence: sequence, recordID: id, detail: reason)
    }

    /// The outcome, after the last record.
    public func finish() -> ChainVerification {
        var problem = self.problem
        if problem == nil, let expectedHead, positionByHash[expectedHead] == nil {
            problem = ChainProblem(
                kind: .headMissing, sequence: nil, recordID: nil,
                detail: "the expected head \(expectedHead) is not in the chain: records were deleted from "
                    + "the end or the chain was rewritten")
        }
        return ChainVerification(recordCount: hashes.count, head: hashes.last, problem: problem)
    }

    /// Verifies `records`, in sequence order.
    public static func verify(_ records: some Sequence<AttemptRecord>, expectedHead: String? = nil) -> ChainVerification
    {
        var verifier = ChainVerifier(expectedHead: expectedHead)
        for record in records {
            verifier.check(record)
            if verifier.problem != nil { break }
        }
        return verifier.finish()
    }
}
