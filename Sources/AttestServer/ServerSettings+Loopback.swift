#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ServerSettings {
    /// Whether `host` is a loopback address that only this machine can reach: `localhost`, an IPv4
    /// address in 127.0.0.0/8, or `::1` (also written in full, in brackets, or as `::ffff:127.x.y.z`).
    /// Any other name is not, even one that resolves to loopback today.
    public static func isLoopback(_ host: String) -> Bool {
        var text = host.lowercased()
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if text == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { $0[0] == 127 }  // network byte order: the first octet first
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { bytes in
                let isOne = bytes.prefix(15).allSatisfy { $0 == 0 } && bytes[15] == 1
                let isMappedV4 =
                    bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
                    && bytes[12] == 127
                return isOne || isMappedV4
            }
        }
        return false
    }
}
