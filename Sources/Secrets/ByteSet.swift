/// A set of bytes, as four 64-bit masks: membership is two shifts and a mask, fast enough to test
/// every byte of a repository's history.
public struct ByteSet: Sendable, Hashable {
    private var masks: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The empty set.
    public init() {}

    /// The bytes of `characters` (ASCII; `a-z` is a range, as in a regular expression's class).
    public init(_ characters: String) {
        let bytes = Array(characters.utf8)
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index] < bytes[index + 2] {
                for byte in bytes[index]...bytes[index + 2] { insert(byte) }
                index += 3
            } else {
                insert(bytes[index])
                index += 1
            }
        }
    }

    /// Adds `byte`.
    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: masks.0 |= bit
        case 1: masks.1 |= bit
        case 2: masks.2 |= bit
        default: masks.3 |= bit
        }
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        let mask: UInt64
        switch byte >> 6 {
        case 0: mask = masks.0
        case 1: mask = masks.1
        case 2: mask = masks.2
        default: mask = masks.3
        }
        return (mask >> UInt64(byte & 63)) & 1 != 0
    }

    /// The bytes in either set.
    public func union(_ other: ByteSet) -> ByteSet {
        var result = self
        result.masks = (
            masks.0 | other.masks.0, masks.1 | other.masks.1, masks.2 | other.masks.2, masks.3 | other.masks.3
        )
        return result
    }

    /// Every byte in the set, in order.
    public var members: [UInt8] { (0...255).map { UInt8($0) }.filter(contains) }

    public static func == (lhs: ByteSet, rhs: ByteSet) -> Bool {
        lhs.masks.0 == rhs.masks.0 && lhs.masks.1 == rhs.masks.1 && lhs.masks.2 == rhs.masks.2
            && lhs.masks.3 == rhs.masks.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(masks.0)
        hasher.combine(masks.1)
        hasher.combine(masks.2)
        hasher.combine(masks.3)
    }

    /// `A-Z a-z 0-9`.
    public static let alphanumeric = ByteSet("A-Za-z0-9")
    /// Upper case letters and digits.
    public static let upperAlphanumeric = ByteSet("A-Z0-9")
    /// The base64 alphabet, `A-Z a-z 0-9 + /`.
    public static let base64 = ByteSet("A-Za-z0-9+/")
}
