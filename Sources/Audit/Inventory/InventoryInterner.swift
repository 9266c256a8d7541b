#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes one string per distinct short value (an owner's email, a storage, an allowlist) and hands
/// it out again for every row that repeats it, so that a million keys share a few thousand strings
/// instead of allocating their own. Bounded: once full, values are no longer remembered.
///
/// Seeded with the roster's emails, it hands out the roster's own strings, so that the checks'
/// lookups by email compare a string with itself instead of reading a second copy.
struct InventoryInterner: Sendable {
    /// Values longer than this are not remembered (ids, names and long lists are seldom repeated).
    static let longestValue = 64
    /// Values remembered beyond the seed.
    private static let newValues = 4096

    // Allocated on first use.
    private var hashes: [Int] = []
    /// "" in empty slots (whose hash is 0): the table is probed by hash, binding no string.
    private var strings: [String] = []
    private var count = 0
    private var maximumCount = 0

    /// An interner that knows `seed` already.
    init(seed: some Collection<String> = [String]()) {
        maximumCount = seed.count + Self.newValues
        if !seed.isEmpty {
            allocate()
            for string in seed { remember(string) }
        }
    }

    private mutating func allocate() {
        var capacity = 1024
        while capacity < 2 * maximumCount { capacity *= 2 }
        hashes = Array(repeating: 0, count: capacity)
        strings = Array(repeating: "", count: capacity)
    }

    private mutating func remember(_ string: String) {
        let hash = Self.hash(Array(string.utf8).withUnsafeBufferPointer { ShortValueHash.hash($0) })
        let mask = strings.count - 1
        var slot = hash & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, strings[slot] == string { return }
            slot = (slot + 1) & mask
        }
        strings[slot] = string
        hashes[slot] = hash
        count += 1
    }

    /// The string of `bytes` (UTF-8).
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 bytes a string is stored inline, with nothing to share.
        guard bytes.count > 15, bytes.count <= Self.longestValue else { return String(decoding: bytes, as: UTF8.self) }
        if strings.isEmpty { allocate() }
        return insertIfNew(bytes)
    }

    /// The string remembered for `bytes`, else a new string, remembered while there is room.
    private mutating func insertIfNew(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let hash = Self.hash(ShortValueHash.hash(bytes))
        let mask = strings.count - 1
        var slot = hash & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, Self.equal(strings[slot], bytes) { return strings[slot] }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes, as: UTF8.self)
        if count < maximumCount {
            strings[slot] = string
            hashes[slot] = hash
            count += 1
        }
        return string
    }

    /// 0 marks an empty slot.
    private static func hash(_ hash: Int) -> Int { hash == 0 ? 1 : hash }

    private static func equal(_ string: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let utf8 = string.utf8
        guard utf8.count == bytes.count else { return false }
        return utf8.withContiguousStorageIfAvailable { stored in
            stored.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
        } ?? utf8.elementsEqual(bytes)
    }
}
