/// The reminder ledger's values: which reminder messages were claimed, sent or failed, kept in the
/// records database beside (never inside) the attempts' hash chain.
///
/// A run claims a message before sending it (state ``ReminderDelivery/sending``), then marks it
/// ``ReminderDelivery/sent`` or ``ReminderDelivery/failed``. The claim is one statement on a unique
/// key (channel, recipient, digest), so two runs at once send each message once; a claim left
/// `sending` (the run died between claiming and marking) is never sent again by itself, so a crash
/// never sends a message twice; a failed message is claimed again, and so retried, by the next run.
public enum ReminderDelivery: String, Hashable, Sendable, CaseIterable {
    case sending, sent, failed
}

/// What a run asks to send: one message to one recipient on one channel.
public struct ReminderClaim: Hashable, Sendable {
    /// `email` or `webhook`.
    public var channel: String
    /// The recipient's email (lowercased).
    public var recipient: String
    /// SHA-256 (hex) of the message's items: the same items give the same digest on every instance.
    public var digest: String
    /// The most urgent stage among the items (``ReminderStage/description``).
    public var stage: String
    /// The (person, quiz, due date, stage) items the message covers, as ``ReminderItem/key`` strings.
    public var items: [String]

    public init(channel: String, recipient: String, digest: String, stage: String, items: [String]) {
        self.channel = channel
        self.recipient = recipient.lowercased()
        self.digest = digest
        self.stage = stage
        self.items = items
    }
}

/// What a claim found.
public enum ReminderClaimOutcome: Hashable, Sendable {
    /// This run owns the message now (new, or failed before): send it, then finish it.
    case claimed
    /// Sent before (at this time): nothing to do.
    case alreadySent(at: String)
    /// Claimed by another run (since this time) and not finished: that run is sending it, or died
    /// doing so. Never sent again automatically.
    case inProgress(since: String)
}

/// One row of the ledger.
public struct ReminderLogEntry: Hashable, Sendable {
    public var channel: String
    public var recipient: String
    public var digest: String
    public var stage: String
    public var items: [String]
    public var state: ReminderDelivery
    /// When the message was last claimed (ISO 8601 UTC).
    public var claimedAt: String
    /// When it was marked sent or failed (nil while sending).
    public var finishedAt: String?
    /// Why it failed (nil otherwise).
    public var detail: String?
    /// How many times it was claimed.
    public var attempts: Int

    public init(
        channel: String, recipient: String, digest: String, stage: String, items: [String], state: ReminderDelivery,
        claimedAt: String, finishedAt: String?, detail: String?, attempts: Int
    ) {
        self.channel = channel
        self.recipient = recipient
        self.digest = digest
        self.stage = stage
        self.items = items
        self.state = state
        self.claimedAt = claimedAt
        self.finishedAt = finishedAt
        self.detail = detail
        self.attempts = attempts
    }

    /// The items as stored: one per line.
    static func joined(_ items: [String]) -> String { items.joined(separator: "\n") }
    static func split(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
