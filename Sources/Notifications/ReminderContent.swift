/// A reminder rendered from the templates and redacted: what is sent by email or posted to chat.
public struct ReminderContent: Hashable, Sendable {
    /// One line.
    public var subject: String
    public var text: String
    public var html: String

    public init(subject: String, text: String, html: String) {
        self.subject = subject
        self.text = text
        self.html = html
    }
}
