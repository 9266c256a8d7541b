/// Makes one string per distinct short value (an owner's email, a storage, an allowlist) and hands
/// it out again for every row that repeats it, so that a million keys share a few thousand strings
/// instead of allocating their own. Bounded: once full, values are no longer remembered.
struct InventoryInterner: Sendable {
    /// Values longer than this are not remembered (ids, names and long lists are seldom repeated).
    static let longestValue = 64
    /// Values remembered.
    static let capacity = 4096

    /// Made on first use: a row with only short values needs none.
    private var table: ByteStringTable<String>?

    init() {}

    /// The string of `bytes` (UTF-8).
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 bytes a string is stored inline, with nothing to share.
        guard bytes.count > 15, bytes.count <= Self.longestValue else { return String(decoding: bytes, as: UTF8.self) }
        let hash = ShortValueHash.hash(bytes)
        if table == nil { table = ByteStringTable(capacity: Self.capacity) }
        if table!.count < Self.capacity {
            let entry = table!.insert(bytes, hash: hash) { String(decoding: bytes, as: UTF8.self) }.entry
            return table![entry]
        }
        if let entry = table!.find(bytes, hash: hash) { return table![entry] }
        return String(decoding: bytes, as: UTF8.self)
    }
}
