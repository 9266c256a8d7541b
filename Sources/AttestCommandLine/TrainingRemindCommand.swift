import ArgumentParser
import AttestServer
import Foundation
import HandbookContent
import Notifications
import Scan
import Secrets
import SiteBuilder
import TrainingRecords

/// `attest training remind`: emails (or posts to chat) each person their open training, at the
/// stages of `reminders:` in handbook.yml, once per stage; managers of people long overdue once.
/// Planning is ``ReminderPlanner``'s, sending ``ReminderDispatch``'s; this only reads the options.
struct TrainingRemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Remind people of their open training by email or chat, once per stage; safe to run from cron.",
        discussion: """
            Stages (reminders: in handbook.yml): before_days [14, 3] before the due date, on it, every \
            overdue_every_days (7) after it; after manager_after_days (14) overdue, the roster manager gets one \
            message. Every message is claimed in the records database before it is sent, so that a second run sends \
            nothing new and two runs at once send each message once. Exit codes: 0 all sent (or nothing to send), \
            1 a send failed (retried by the next run) or a claim was left unconfirmed, 2 bad input or usage.
            """)

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var recordsOptions: RecordsOptions

    @Option(name: .long, help: ArgumentHelp("The roster CSV (default: `people` in handbook.yml).", valueName: "PATH"))
    var people: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The date to plan for (default: today, UTC).", valueName: "DATE"))
    var asOf: String?

    @Option(
        name: .customLong("dry-run"), defaultAsFlag: "", parsing: .next,
        help: ArgumentHelp(
            "Print what would be sent to whom and send nothing; --dry-run=DIR also writes each email as DIR/*.eml.",
            valueName: "DIR"))
    var dryRun: String? = nil

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Send email: smtp://[USER@]HOST[:587] (STARTTLS required), smtps://[USER@]HOST[:465], or "
                + "smtp+insecure://HOST:PORT (loopback hosts only).", valueName: "URL"))
    var smtp: String?

    @Option(
        name: .customLong("smtp-password-file"),
        help: ArgumentHelp("A file holding the SMTP password (else ATTEST_SMTP_PASSWORD).", valueName: "FILE"))
    var smtpPasswordFile: String?

    @Option(
        name: .customLong("smtp-ca-file"),
        help: ArgumentHelp(
            "PEM certificates to trust for the SMTP server instead of the system's (a private CA).",
            valueName: "FILE"))
    var smtpCAFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Post each message to a chat webhook (https://, or http:// to loopback).", valueName: "URL"))
    var webhook: String?

    @Option(name: .customLong("webhook-format"), help: "slack ({\"text\": …}), teams (MessageCard) or json.")
    var webhookFormat: WebhookFormatArgument = .slack

    @Option(
        name: .customLong("timeout"),
        help: ArgumentHelp("Seconds one message may take to send, connecting included (1…300).", valueName: "SECONDS"))
    var timeout: Int = 30

    @Flag(
        name: .customLong("with-invitations"),
        help:
            "Put a fresh single-use sign-in link (as `attest training invite`) in each person's email (never in chat).")
    var withInvitations = false

    @Option(
        name: .customLong("invitation-days"), help: "Days until those sign-in links expire (1…366).")
    var invitationDays: Int = 7

    @Option(
        name: .customLong("signing-key-file"),
        help: ArgumentHelp(
            "The server's signing key file, when it is given one (for --with-invitations).", valueName: "FILE"))
    var signingKeyFile: String?

    @Flag(
        name: .customLong("release-unconfirmed"),
        help: ArgumentHelp(
            "Treat messages claimed by an interrupted run (never confirmed sent) as failed, so that this run sends "
                + "them again: only after checking that they did not arrive."))
    var releaseUnconfirmed = false

    enum WebhookFormatArgument: String, ExpressibleByArgument, CaseIterable {
        case slack, teams, json
    }

    /// A claim older than this and still `sending` was left by an interrupted run.
    static let unconfirmedAfterSeconds: Double = 15 * 60

    func validate() throws {
        if let asOf, CalendarDate(parsing: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date (YYYY-MM-DD)")
        }
        if smtp == nil, webhook == nil, dryRun == nil {
            throw ValidationError("nothing to send with: give --smtp URL, --webhook URL, or --dry-run")
        }
        if !(1...366).contains(invitationDays) { throw ValidationError("--invitation-days must be 1…366") }
        if !(1...300).contains(timeout) { throw ValidationError("--timeout must be 1…300 seconds") }
    }

    func run() async throws {
        let root = rootOptions.root
        // Options first: a bad URL or a missing password file is reported before anything is read.
        var smtpServer: SMTPServerAddress?
        var smtpPassword: String?
        if let smtp {
            do {
                smtpServer = try SMTPServerAddress(url: smtp)
            } catch {
                throw Self.usage("--smtp: \(error)")
            }
            if let file = smtpPasswordFile {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Self.usage("--smtp-password-file: cannot read '\(file)'")
                }
                smtpPassword = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            } else if let variable = ProcessInfo.processInfo.environment["ATTEST_SMTP_PASSWORD"], !variable.isEmpty {
                smtpPassword = variable
            }
            if smtpServer?.user != nil, smtpPassword == nil {
                throw Self.usage(
                    "--smtp names a user but no password was given: use --smtp-password-file FILE or ATTEST_SMTP_PASSWORD"
                )
            }
            if let file = smtpCAFile, !FileManager.default.isReadableFile(atPath: file) {
                throw Self.usage("--smtp-ca-file: cannot read '\(file)'")
            }
        }
        var webhookAddress: WebhookAddress?
        if let webhook {
            do {
                webhookAddress = try WebhookAddress(url: webhook)
            } catch {
                throw Self.usage("--webhook: \(error)")
            }
        }

        // The handbook, the roster, the redaction catalogue and the templates.
        let (loaded, handbookDiagnostics) = TrainingInputs.handbook(root: root)
        guard let handbook = loaded else {
            DiagnosticPrinter.print(handbookDiagnostics)
            throw ExitCode.badInput
        }
        let (roster, rosterDiagnostics) = TrainingInputs.roster(root: root, option: people, config: handbook.config)
        let (catalogue, catalogueDiagnostics) = ScanRules.catalogue(root: root)
        let (templates, templateDiagnostics) = Self.templates(root: root)
        DiagnosticPrinter.print(handbookDiagnostics + rosterDiagnostics + catalogueDiagnostics + templateDiagnostics)
        guard let roster, let catalogue, let templates else { throw ExitCode.badInput }
        let settings = handbook.config.reminders
        if smtpServer != nil, settings.from == nil {
            DiagnosticPrinter.print([
                .error(
                    "sending email needs a sender: set `from:` under `reminders:` (e.g. `from: Security Team "
                        + "<security@example.com>`)", at: SourceLocation(path: "content/handbook.yml"))
            ])
            throw ExitCode.badInput
        }

        let location = try TrainingInputs.recordsLocation(
            root: root, option: recordsOptions.records, config: handbook.config,
            passwordFile: recordsOptions.recordsPasswordFile)
        let (opened, storeDiagnostics) = await TrainingInputs.openStore(location, mustExist: false)
        guard let store = opened else {
            DiagnosticPrinter.print(storeDiagnostics)
            throw ExitCode.badInput
        }
        defer { Task { try? await store.close() } }
        let records = try await TrainingInputs.allRecords(store, location)
        let day = asOf.flatMap { CalendarDate(parsing: $0) } ?? TrainingInputs.today
        let quizzes = handbook.quizzes.filter { !$0.draft }
        let status = TrainingStatus.compute(
            quizzes: quizzes, policies: handbook.policiesInForce, roster: roster, records: records, asOf: day)
        let renderer = ReminderRenderer(
            templates: templates, redactor: SecretRedactor(catalogue: catalogue),
            organization: handbook.config.organization, handbookTitle: handbook.config.title,
            baseURL: handbook.config.baseURL, quizzes: quizzes, policies: handbook.policiesInForce)

        var signInLink: (@Sendable (String) throws -> String)?
        if withInvitations {
            let key: ServerSigningKey
            do {
                key = try await SigningKeySource.key(file: signingKeyFile, records: location, store: store)
            } catch let error as ServerSetupError {
                DiagnosticPrinter.print([.error(error.description, at: nil)])
                throw ExitCode.badInput
            }
            let configured = handbook.config.baseURL.lowercased().hasPrefix("http") ? handbook.config.baseURL : nil
            let base = configured ?? "http://127.0.0.1:8080"
            let days = invitationDays
            signInLink = { email in try InvitationLink.make(email: email, validForDays: days, baseURL: base, key: key) }
        }

        var channels: [ReminderChannel] = []
        if let smtpServer, let from = settings.from {
            channels.append(
                .email(
                    SMTPClient(
                        server: smtpServer, password: smtpPassword, trustRootsFile: smtpCAFile,
                        timeout: .seconds(Int64(timeout))), from: from,
                    replyTo: settings.replyTo))
        }
        if let webhookAddress {
            let format: WebhookFormat =
                switch webhookFormat {
                case .slack: .slack
                case .teams: .teams
                case .json: .json
                }
            channels.append(.webhook(WebhookPoster(address: webhookAddress, timeout: .seconds(Int64(timeout))), format))
        }

        var log: [ReminderLogEntry]
        do {
            log = try await store.reminderLog()
        } catch {
            DiagnosticPrinter.print([
                .error("cannot read the reminder ledger in '\(location.display)': \(error)", at: nil)
            ])
            throw ExitCode.badInput
        }
        // Claims an interrupted run left unconfirmed: never sent again by themselves.
        let now = Date().timeIntervalSince1970
        var problems = 0
        for entry in log where entry.state == .sending {
            guard let claimed = UTCTimestamp(parsing: entry.claimedAt),
                now - Double(claimed.millisecondsSince1970) / 1000 > Self.unconfirmedAfterSeconds
            else { continue }
            let claim = ReminderClaim(
                channel: entry.channel, recipient: entry.recipient, digest: entry.digest, stage: entry.stage,
                items: entry.items)
            if releaseUnconfirmed, channels.contains(where: { $0.name == entry.channel }) {
                try? await store.finishReminder(claim, sent: false, detail: "released by --release-unconfirmed")
                print("released: \(entry.channel) to \(entry.recipient) (\(entry.stage)), claimed \(entry.claimedAt)")
            } else {
                problems += 1
                StandardError.write(
                    "warning: \(entry.channel) to \(entry.recipient) (\(entry.stage)) was claimed at \(entry.claimedAt) "
                        + "by a run that never confirmed sending it; it is not sent again, so that it is never sent "
                        + "twice. Check that it arrived, then run with --release-unconfirmed to send it again\n")
            }
        }
        if releaseUnconfirmed { log = (try? await store.reminderLog()) ?? log }

        if let dryRun {
            let channelNames = channels.isEmpty ? ["email"] : channels.map(\.name)
            try await Self.dryRun(
                status: status, roster: roster, settings: settings, log: log, channels: channelNames,
                renderer: renderer, folder: dryRun.isEmpty ? nil : dryRun, day: day, withLinks: signInLink != nil)
            if problems > 0 { throw ExitCode.findings }
            return
        }

        var failed = 0, sent = 0
        for channel in channels {
            let plans = ReminderPlanner.plan(
                status: status, roster: roster, settings: settings, channel: channel.name, log: log)
            let outcomes = await ReminderDispatch.send(
                plans, on: channel, store: store, renderer: renderer, asOf: day, signInLink: signInLink)
            for outcome in outcomes {
                let what = "\(outcome.channel) to \(outcome.recipient) (\(outcome.stage))"
                switch outcome.result {
                case .sent:
                    sent += 1
                    print("sent: \(what)")
                case .alreadySent(let at): print("already sent: \(what) at \(at)")
                case .inProgress(let since): print("being sent by another run: \(what), claimed at \(since)")
                case .failed(let reason):
                    failed += 1
                    StandardError.write(
                        "error: \(what) via \(channel.display) failed: \(reason); the next run retries it\n")
                case .sentUnrecorded(let reason):
                    failed += 1
                    StandardError.write(
                        "error: \(what) was sent but could not be marked sent (\(reason)); it is not sent again\n")
                }
            }
        }
        print("\(sent) sent, \(failed) failed")
        try? await store.close()
        if failed > 0 || problems > 0 { throw ExitCode.findings }
    }

    static func usage(_ message: String) -> ExitCode {
        DiagnosticPrinter.print([.error(message, at: nil)])
        return ExitCode.badInput
    }

    /// `templates/email/*.mustache` of the handbook, each missing one from the default theme.
    static func templates(root: String) -> (ReminderTemplates?, [Diagnostic]) {
        var sources: [String: String] = [:]
        var defaults: [String: String] = [:]
        for name in ReminderTemplates.names {
            let relative = "templates/email/\(name).mustache"
            if let data = FileManager.default.contents(atPath: TrainingInputs.join(root, relative)) {
                sources[name] = String(decoding: data, as: UTF8.self)
            }
            if let file = DefaultTheme.files.first(where: { $0.path == "email/\(name).mustache" }) {
                defaults[name] = file.contents
            }
        }
        return ReminderTemplates.make(sources: sources, defaults: defaults, displayPath: "templates/email")
    }

    /// Prints each message that would be sent (and with a folder, writes each email as .eml); claims nothing.
    static func dryRun(
        status: TrainingStatus, roster: Roster, settings: ReminderSettings, log: [ReminderLogEntry],
        channels: [String], renderer: ReminderRenderer, folder: String?, day: CalendarDate, withLinks: Bool
    ) async throws {
        if let folder {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw usage("--dry-run: cannot create the folder '\(folder)': \(error.localizedDescription)")
            }
        }
        var count = 0
        for channel in channels {
            let plans = ReminderPlanner.plan(
                status: status, roster: roster, settings: settings, channel: channel, log: log)
            for plan in plans {
                count += 1
                let link = withLinks ? "(a fresh sign-in link)" : nil
                let content = renderer.render(plan, asOf: day, signInLink: link)
                let quizzes = plan.requirements.map { "\($0.label) due \($0.due?.description ?? "now")" }
                print(
                    "would send: \(channel) to \(plan.recipient.email) (\(plan.stage)): \(content.subject) [\(quizzes.joined(separator: "; "))]"
                )
                guard let folder, channel == "email" else { continue }
                let from = settings.from ?? Mailbox(email: "reminders@attest.invalid")
                let message = MailMessage(
                    from: from, replyTo: settings.replyTo,
                    to: Mailbox(name: renderer.redactor.redact(plan.recipient.name).text, email: plan.recipient.email),
                    subject: content.subject, text: content.text, html: content.html, date: Date(),
                    messageID: MailMessage.makeMessageID(from: from))
                let name =
                    "\(count)-\(plan.audience.rawValue)-\(String(plan.recipient.email.map { $0.isLetter || $0.isNumber ? $0 : "-" })).eml"
                let path = TrainingInputs.join(folder, name)
                do {
                    try Data(MailMessageWriter.write(message)).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw usage("--dry-run: cannot write '\(path)': \(error.localizedDescription)")
                }
            }
        }
        print("\(count) would be sent (dry run: nothing sent, nothing recorded)")
    }
}
