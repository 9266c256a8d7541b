import Foundation
import HandbookContent

/// An email to write (``MailMessageWriter``) and send (``SMTPClient``): plain text and HTML
/// alternatives of one message.
public struct MailMessage: Hashable, Sendable {
    public var from: Mailbox
    public var replyTo: Mailbox?
    public var to: Mailbox
    public var subject: String
    public var text: String
    public var html: String
    public var date: Date
    /// The `Message-ID` without angle brackets (`unique@domain`).
    public var messageID: String

    public init(
        from: Mailbox, replyTo: Mailbox?, to: Mailbox, subject: String, text: String, html: String, date: Date,
        messageID: String
    ) {
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.messageID = messageID
    }

    /// A new Message-ID in the sender's domain.
    public static func makeMessageID(from: Mailbox) -> String {
        let domain = from.email.split(separator: "@").last.map(String.init) ?? "attest.invalid"
        return "attest.\(UUID().uuidString.lowercased())@\(domain)"
    }
}
