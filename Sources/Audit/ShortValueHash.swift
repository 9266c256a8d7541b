/// A quick hash of short byte strings (emails, storage names), eight bytes at a time, for the
/// tables private to a run; not for anything an input could flood.
enum ShortValueHash {
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* 0x100_0000_01B3
            offset += 1
        }
        hash ^= hash >> 29
        return Int(truncatingIfNeeded: hash)
    }
}
