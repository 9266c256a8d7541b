/// The ids seen so far, by their 64-bit hash, each with where it was first seen: an open-addressing
/// table on the hash itself (already well mixed), so that a million ids cost one probe each and
/// 16 bytes apiece, without hashing them again.
struct SeenIDTable {
    private var hashes: [Int]
    private var places: [Int]
    private var count = 0

    init() {
        hashes = Array(repeating: 0, count: 1 << 16)
        places = Array(repeating: 0, count: 1 << 16)
    }

    /// Records `place` for `hash` and returns nil, or returns the place recorded first for it.
    mutating func insert(_ hash: Int, place: Int) -> Int? {
        if 2 * (count + 1) > hashes.count { grow() }
        let key = hash == 0 ? 1 : hash  // 0 marks an empty slot
        let mask = hashes.count - 1
        var slot = key & mask
        while hashes[slot] != 0 {
            if hashes[slot] == key { return places[slot] }
            slot = (slot + 1) & mask
        }
        hashes[slot] = key
        places[slot] = place
        count += 1
        return nil
    }

    private mutating func grow() {
        let oldHashes = hashes, oldPlaces = places
        hashes = Array(repeating: 0, count: oldHashes.count * 2)
        places = Array(repeating: 0, count: oldHashes.count * 2)
        let mask = hashes.count - 1
        for index in oldHashes.indices where oldHashes[index] != 0 {
            var slot = oldHashes[index] & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[index]
            places[slot] = oldPlaces[index]
        }
    }
}
