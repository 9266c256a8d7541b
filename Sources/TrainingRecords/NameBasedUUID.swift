import Crypto

/// RFC 4122 name-based UUIDs (version 5, SHA-1): the same name always gives the same UUID.
public enum NameBasedUUID {
    /// The RFC 4122 namespace for URLs (and URNs).
    public static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    /// The version 5 UUID of `name` in `namespace`, lowercase `xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx`.
    public static func version5(name: String, namespace: [UInt8] = urlNamespace) -> String {
        var bytes = Array(Insecure.SHA1.hash(data: namespace + Array(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = CanonicalJSON.hex(bytes)
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}
