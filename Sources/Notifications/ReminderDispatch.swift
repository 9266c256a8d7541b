import Foundation
import HandbookContent
import TrainingRecords

/// Sends planned reminders on one channel through the ledger: each message is claimed in the
/// records database first, then rendered, sent, and marked sent or failed (see ``ReminderDelivery``).
public enum ReminderDispatch {
    /// What became of one planned message.
    public struct Outcome: Hashable, Sendable {
        public enum Result: Hashable, Sendable {
            case sent
            /// Another run sent it meanwhile.
            case alreadySent(at: String)
            /// Another run holds the claim (sending it now, or interrupted while sending).
            case inProgress(since: String)
            /// Not sent; the next run retries it.
            case failed(String)
            /// Sent, but marking it sent failed: it stays claimed and is not sent again.
            case sentUnrecorded(String)
        }

        public var recipient: String
        public var channel: String
        public var stage: String
        public var result: Result
    }

    /// Sends each of `plans` on `channel`, one after another. `signInLink` makes a fresh invitation
    /// link for an email (nil: none); webhook messages never carry one.
    public static func send(
        _ plans: [PlannedReminder], on channel: ReminderChannel, store: any RecordStore, renderer: ReminderRenderer,
        asOf: CalendarDate, signInLink: (@Sendable (String) throws -> String)?
    ) async -> [Outcome] {
        var outcomes: [Outcome] = []
        // Once the server or webhook cannot be reached, the rest are not tried (nor claimed): the
        // next run sends them.
        var unreachable: String?
        for plan in plans {
            let claim = plan.claim(channel: channel.name)
            func outcome(_ result: Outcome.Result) -> Outcome {
                Outcome(recipient: plan.recipient.email, channel: channel.name, stage: claim.stage, result: result)
            }
            if let unreachable {
                outcomes.append(outcome(.failed("not tried: \(unreachable)")))
                continue
            }
            let claimed: ReminderClaimOutcome
            do {
                claimed = try await store.claimReminder(claim)
            } catch {
                outcomes.append(outcome(.failed("cannot claim it in the records database: \(error)")))
                continue
            }
            switch claimed {
            case .alreadySent(let at):
                outcomes.append(outcome(.alreadySent(at: at)))
                continue
            case .inProgress(let since):
                outcomes.append(outcome(.inProgress(since: since)))
                continue
            case .claimed: break
            }
            var failure: String?
            do {
                // Sign-in links go by email only (a chat channel is read by others, who could use one),
                // and only to the person who owes the training (a manager's message has none).
                var link: String?
                if case .email = channel, plan.audience == .person { link = try signInLink?(plan.recipient.email) }
                let content = renderer.render(plan, asOf: asOf, signInLink: link)
                switch channel {
                case .email(let client, let from, let replyTo):
                    let message = MailMessage(
                        from: from, replyTo: replyTo,
                        to: Mailbox(
                            name: renderer.redactor.redact(plan.recipient.name).text, email: plan.recipient.email),
                        subject: content.subject, text: content.text, html: content.html, date: Date(),
                        messageID: MailMessage.makeMessageID(from: from))
                    try await client.send(
                        from: from.email, to: [plan.recipient.email], message: MailMessageWriter.write(message))
                case .webhook(let poster, let format):
                    try await poster.post(renderer.webhookBody(plan, content: content, format: format))
                }
            } catch {
                failure = renderer.redactor.redact("\(error)").text
                switch error {
                case SMTPFailure.unreachable, SMTPFailure.timedOut, WebhookFailure.unreachable, WebhookFailure.timedOut:
                    unreachable = "\(channel.display) could not be reached"
                default: break
                }
            }
            do {
                try await store.finishReminder(claim, sent: failure == nil, detail: failure)
                outcomes.append(outcome(failure.map { .failed($0) } ?? .sent))
            } catch {
                if let failure {
                    outcomes.append(outcome(.failed(failure + "; and the failure could not be recorded: \(error)")))
                } else {
                    outcomes.append(outcome(.sentUnrecorded("\(error)")))
                }
            }
        }
        return outcomes
    }
}
