/// A stored record with what the store keeps beside it: what `attest training migrate` copies from
/// one store to another, unchanged, so that the chain (and import deduplication) continues there.
public struct ChainEntry: Hashable, Sendable {
    /// The record, hashes included.
    public var record: AttemptRecord
    /// The import key of an imported completion (not part of the hash); nil for attempts taken here.
    public var importKey: String?

    public init(record: AttemptRecord, importKey: String?) {
        self.record = record
        self.importKey = importKey
    }
}
