/// An email address with an optional display name, as `reminders.from` is written:
/// `security@example.com` or `Security Team <security@example.com>`.
public struct Mailbox: Hashable, Sendable, CustomStringConvertible {
    /// The display name (nil when none was given).
    public var name: String?
    /// The address, as written (its domain part compared case-insensitively by mail servers).
    public var email: String

    public init(name: String? = nil, email: String) {
        self.name = name
        self.email = email
    }

    /// Parses `address` or `Name <address>`; nil when the address is not a plausible email, or the
    /// name holds a line break, `<`, `>` or `"` (so that it can never break a header).
    public init?(parsing text: String) {
        let trimmed = text.trimmed()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = String(trimmed[..<open]).trimmed()
            guard EmailAddress.isValid(address),
                !name.contains(where: { "<>\"\r\n".contains($0) || $0.isNewline })
            else { return nil }
            self.init(name: name.isEmpty ? nil : name, email: address)
        } else {
            guard EmailAddress.isValid(trimmed) else { return nil }
            self.init(email: trimmed)
        }
    }

    /// `Name <address>`, or the address alone.
    public var description: String { name.map { "\($0) <\(email)>" } ?? email }
}
