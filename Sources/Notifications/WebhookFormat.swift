/// The JSON a chat webhook takes.
public enum WebhookFormat: String, Hashable, Sendable, CaseIterable {
    /// Slack (and Mattermost, Rocket.Chat, Google Chat): `{"text": …}`.
    case slack
    /// Microsoft Teams incoming webhook: a MessageCard with a title and the text.
    case teams
    /// Any receiver: the recipient, the stage, the subject, the text and each requirement as fields.
    case json
}
