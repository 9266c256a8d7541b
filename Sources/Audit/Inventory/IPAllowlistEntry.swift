#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Validates the entries of an `ip_allowlist`: IPv4 or IPv6 addresses, or CIDRs
/// (`10.0.0.0/8`, `2001:db8::/32`).
enum IPAllowlistEntry {
    /// Whether `text` is an address or a CIDR with a prefix length that fits its family.
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let address = String(parts[0])
        var buffer = [UInt8](repeating: 0, count: 16)
        let maximumPrefix: Int
        if inet_pton(AF_INET, address, &buffer) == 1 {
            maximumPrefix = 32
        } else if inet_pton(AF_INET6, address, &buffer) == 1 {
            maximumPrefix = 128
        } else {
            return false
        }
        guard parts.count == 2 else { return true }
        guard !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let prefix = Int(parts[1]) else {
            return false
        }
        return (0...maximumPrefix).contains(prefix)
    }

    /// Whether `bytes` (UTF-8) is an address or a CIDR, as the text version says. IPv4 addresses
    /// and CIDRs, the common case, are read here from the bytes; anything else is handed to it.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var slash = bytes.count
        for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
            slash = index
            break
        }
        if isIPv4(UnsafeBufferPointer(rebasing: bytes[..<slash])) {
            guard slash < bytes.count else { return true }
            let prefix = bytes[(slash + 1)...]
            guard !prefix.isEmpty, prefix.count <= 3 else { return isValid(String(decoding: bytes, as: UTF8.self)) }
            var value = 0
            for byte in prefix {
                guard (0x30...0x39).contains(byte) else { return false }
                value = value * 10 + Int(byte - 0x30)
            }
            return value <= 32
        }
        return isValid(String(decoding: bytes, as: UTF8.self))
    }

    /// How wide an entry is, as the `ip-allowlist` check judges it: the address family whose space
    /// it covers and its prefix length.
    struct Width: Hashable, Sendable {
        /// Whether the prefix counts against the IPv6 bound (else the IPv4 bound).
        var isIPv6: Bool
        /// 0 allows every address of the family.
        var prefix: Int
    }

    /// The width of `text`, an address (a single host: /32 or /128) or a CIDR; nil when it is
    /// neither. An IPv6 entry within the IPv4-mapped range `::ffff:0:0/96` covers IPv4 addresses, so
    /// it counts as the IPv4 network it maps (`::ffff:10.0.0.0/104` is a /8); one that contains
    /// that whole range (`::/64`) admits every IPv4 address and counts as an IPv4 /0.
    static func width(of text: String) -> Width? {
        var text = text
        return text.withUTF8 { bytes in
            var slash = bytes.count
            for index in bytes.indices where bytes[index] == UInt8(ascii: "/") {
                slash = index
                break
            }
            // The common case, read from the bytes: an IPv4 address or CIDR.
            guard isIPv4(UnsafeBufferPointer(rebasing: bytes[..<slash])) else { return widthByParsing(bytes) }
            guard slash < bytes.count else { return Width(isIPv6: false, prefix: 32) }
            guard let prefix = prefixLength(UnsafeBufferPointer(rebasing: bytes[(slash + 1)...])), prefix <= 32
            else { return nil }
            return Width(isIPv6: false, prefix: prefix)
        }
    }

    /// ``width(of:)`` for anything but a dotted-quad IPv4 address: through `inet_pton`.
    private static func widthByParsing(_ bytes: UnsafeBufferPointer<UInt8>) -> Width? {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var address = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, String(parts[0]), &address) == 1 else {
            guard inet_pton(AF_INET, String(parts[0]), &address) == 1 else { return nil }
            guard parts.count == 2 else { return Width(isIPv6: false, prefix: 32) }
            guard let prefix = prefixLength(parts[1]), prefix <= 32 else { return nil }
            return Width(isIPv6: false, prefix: prefix)
        }
        var prefix = 128
        if parts.count == 2 {
            guard let length = prefixLength(parts[1]), length <= 128 else { return nil }
            prefix = length
        }
        // ::ffff:0:0/96: ten zero bytes, then two 0xff.
        let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]
        let compared = min(prefix, 96)
        var sameBits = true
        for bit in 0..<compared where (address[bit / 8] ^ mapped[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
            sameBits = false
            break
        }
        return sameBits ? Width(isIPv6: false, prefix: max(prefix - 96, 0)) : Width(isIPv6: true, prefix: prefix)
    }

    /// A prefix length: decimal digits (leading zeros allowed, as ``isValid(_:)-(String)`` allows them).
    private static func prefixLength(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
            if value > 128 { return nil }
        }
        return value
    }

    private static func prefixLength(_ digits: Substring) -> Int? { prefixLength(digits.utf8) }

    /// Dotted-quad IPv4 exactly as `inet_pton(AF_INET, …)` accepts it: four decimal parts of at
    /// most 255, no leading zeros.
    private static func isIPv4(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var octets = 0, value = 0, sawDigit = false
        for byte in bytes {
            if (0x30...0x39).contains(byte) {
                if sawDigit, value == 0 { return false }
                value = value * 10 + Int(byte - 0x30)
                if value > 255 { return false }
                if !sawDigit {
                    octets += 1
                    if octets > 4 { return false }
                    sawDigit = true
                }
            } else if byte == UInt8(ascii: "."), sawDigit {
                if octets == 4 { return false }
                value = 0
                sawDigit = false
            } else {
                return false
            }
        }
        return octets == 4
    }
}
