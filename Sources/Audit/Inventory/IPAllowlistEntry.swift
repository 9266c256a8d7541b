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
