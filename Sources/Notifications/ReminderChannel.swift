import Foundation
import HandbookContent

/// Where reminders go: email over SMTP, or a chat webhook.
public enum ReminderChannel: Sendable {
    case email(SMTPClient, from: Mailbox, replyTo: Mailbox?)
    case webhook(WebhookPoster, WebhookFormat)

    /// What the ledger calls it: `email` or `webhook`.
    public var name: String {
        switch self {
        case .email: "email"
        case .webhook: "webhook"
        }
    }

    /// Where, safe to show (no password, no webhook secret).
    public var display: String {
        switch self {
        case .email(let client, _, _): client.server.display
        case .webhook(let poster, _): poster.address.display
        }
    }
}
