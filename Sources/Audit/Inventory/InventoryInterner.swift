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

    // One machine word a slot, so that a probe touches one cache line: the hash's upper half, the
    // value's length and its number (its place in `strings` and `arena`); 0 marks an empty slot
    // (no value is empty). Allocated on first use.
    private var slots: [UInt64] = []
    /// The remembered strings, by number.
    private var strings: [String] = []
    /// The bytes of value n at n × 64 (`longestValue`): compared in place, without reaching into
    /// the string's storage.
    private var arena: [UInt8] = []
    private var maximumCount = 0

    /// An interner that knows `seed` already.
    init(seed: some Collection<String> = [String]()) {
        // Value numbers take 24 bits of a slot.
        maximumCount = min(seed.count + Self.newValues, 1 << 24)
        for string in seed where string.utf8.count > 15 && string.utf8.count <= Self.longestValue {
            if slots.isEmpty { allocate() }
            Array(string.utf8).withUnsafeBufferPointer { bytes in _ = insertIfNew(bytes, string: string) }
        }
    }

    private mutating func allocate() {
        var capacity = 1024
        while capacity < 2 * maximumCount { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        strings.reserveCapacity(maximumCount)
    }

    /// The string of `bytes` (UTF-8).
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Up to 15 bytes a string is stored inline, with nothing to share.
        guard bytes.count > 15, bytes.count <= Self.longestValue else { return String(decoding: bytes, as: UTF8.self) }
        if slots.isEmpty { allocate() }
        return insertIfNew(bytes)
    }

    /// The string remembered for `bytes`, else `string` (by default a new one), remembered while
    /// there is room.
    private mutating func insertIfNew(_ bytes: UnsafeBufferPointer<UInt8>, string: String? = nil) -> String {
        let hash = UInt64(truncatingIfNeeded: ShortValueHash.hash(bytes))
        // The upper half tags the slot, the lower half picks it: the two are independent bits.
        let tag = hash & 0xFFFF_FFFF_0000_0000 | UInt64(bytes.count) << 24
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                while slots[slot] != 0 {
                    let entry = slots[slot]
                    if entry & 0xFFFF_FFFF_FF00_0000 == tag {
                        let number = Int(entry & 0xFF_FFFF)
                        if Self.equal(arena.baseAddress! + number * Self.longestValue, bytes.baseAddress!, bytes.count)
                        {
                            return number
                        }
                    }
                    slot = (slot + 1) & mask
                }
                return nil
            }
        }
        if let found { return strings[found] }
        let string = string ?? String(decoding: bytes, as: UTF8.self)
        if strings.count < maximumCount {
            slots[slot] = tag | UInt64(strings.count)
            strings.append(string)
            arena.append(contentsOf: bytes)
            arena.append(contentsOf: repeatElement(0, count: Self.longestValue - bytes.count))
        }
        return string
    }

    /// Whether `count` bytes at `a` and `b` are equal, compared a machine word at a time.
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let a = UnsafeRawPointer(a), b = UnsafeRawPointer(b)
        var offset = 0
        while offset + 8 <= count {
            guard
                a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < count {
            guard a.load(fromByteOffset: offset, as: UInt8.self) == b.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset += 1
        }
        return true
    }
}
