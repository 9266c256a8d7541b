/// The slug rule for policy and quiz ids: lowercase letters, digits and `-`, not starting with `-`.
enum Slug {
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-")
            && text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "-") }
    }
}
