import Foundation

/// A hash table from byte strings to values, by open addressing: the one table behind the audit's
/// lookups that run a million times (ids seen, for duplicates; repeated inventory values; people
/// by email).
///
/// Keys are compared on their bytes: the hash only picks where to look, so two keys whose hashes
/// collide are still two keys, and a run's answers never depend on the hash (or its per-process
/// seed). The caller gives each key's hash (``ShortValueHash`` for short values, a seeded `Hasher`
/// where the input could be crafted to collide), so that a hash computed on a worker is not
/// computed again, and tests can force collisions.
///
/// One machine word a slot, so that a probe touches one cache line: the hash's upper half as a tag
/// (which also picks the slot: a table can grow without the keys' hashes), and the entry's number.
/// The keys' bytes lie end to end in one buffer, the values in entry order: nothing is allocated
/// per key, and a lookup copies (and retains) nothing.
struct ByteStringTable<Value> {
    /// 0: an empty slot; else the hash's upper 32 bits << 32 | (entry number + 1).
    private var slots: [UInt64]
    /// Entry n's key is `keyBytes[keyEnds[n - 1]..<keyEnds[n]]` (from 0 for the first).
    private var keyEnds: [Int] = []
    private var keyBytes: [UInt8] = []
    /// By entry number, in insertion order.
    private(set) var values: [Value] = []

    /// A table with room for `capacity` entries before it grows.
    init(capacity: Int = 0) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: 0, count: size)
        values.reserveCapacity(capacity)
        keyEnds.reserveCapacity(capacity)
    }

    var count: Int { values.count }

    /// The value of entry `entry`.
    subscript(entry: Int) -> Value {
        get { values[entry] }
        set { values[entry] = newValue }
    }

    /// The entry of `key`, whose hash is `hash`; nil when absent.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: Int) -> Int? {
        switch probe(key, hash: hash) {
        case .found(let entry): return entry
        case .empty: return nil
        }
    }

    /// The entry of `key`, whose hash is `hash`, and whether it was added now (with `value()`).
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: Int, value: () -> Value) -> (
        entry: Int, inserted: Bool
    ) {
        if 2 * (values.count + 1) > slots.count { grow() }
        switch probe(key, hash: hash) {
        case .found(let entry): return (entry, false)
        case .empty(let slot):
            let entry = values.count
            slots[slot] = Self.tag(hash) | UInt64(entry + 1)
            keyBytes.append(contentsOf: key)
            keyEnds.append(keyBytes.count)
            values.append(value())
            return (entry, true)
        }
    }

    private enum Probe {
        case found(Int)
        /// Absent: the empty slot where it would go.
        case empty(Int)
    }

    private static func tag(_ hash: Int) -> UInt64 { UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF_0000_0000 }

    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash: Int) -> Probe {
        let tag = Self.tag(hash)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: tag >> 32) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let word = slots[slot]
                if word == 0 { return .empty(slot) }
                if word & 0xFFFF_FFFF_0000_0000 == tag {
                    let entry = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) - 1
                    if keyEquals(entry, key) { return .found(entry) }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private func keyEquals(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entry == 0 ? 0 : keyEnds[entry - 1]
        guard keyEnds[entry] - start == key.count else { return false }
        guard !key.isEmpty else { return true }
        return keyBytes.withUnsafeBufferPointer { bytes in
            memcmp(bytes.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for word in old where word != 0 {
            var slot = Int(truncatingIfNeeded: word >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = word
        }
    }
}

extension ByteStringTable: Sendable where Value: Sendable {}
