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
}
