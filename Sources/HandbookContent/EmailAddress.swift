/// The plausibility test for an email address that rosters, owners and identities share: one `@`,
/// something before it, a dot inside the domain, no whitespace and none of `< > , ;`.
enum EmailAddress {
    static func isValid(_ text: String) -> Bool {
        // ASCII (nearly every address) is tested on its bytes; the rest by characters, for Unicode whitespace.
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes in isValidASCII(bytes) }), let ascii {
            return ascii
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !text.contains { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" }
    }

    /// The same test on ASCII bytes; nil when `bytes` are not all ASCII.
    private static func isValidASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var at: Int?
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "@"):
                guard at == nil else { return false }
                at = index
            case 0x09...0x0D, 0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ";"):
                return false
            default: break
            }
        }
        guard let at, at > 0 else { return false }
        let domain = bytes[(at + 1)...]
        return domain.contains(UInt8(ascii: ".")) && domain.first != UInt8(ascii: ".")
            && domain.last != UInt8(ascii: ".")
    }
}
