import Foundation
import Testing

/// `attest training remind` end to end: the built binary against real servers that the tests start
/// (aiosmtpd with STARTTLS and AUTH, an SMTP server that drops the connection mid-message, a webhook
/// receiver), messages parsed with Python's `email` package (Tests/Mail/inspect_mail.py).
///
/// The fixture handbook as of 2025-07-01: Alice is 486 days overdue (her manager Ada, admin@, is
/// told), Bob is due that day, Ada is long overdue herself, Carol is inactive. Four emails: Ada
/// (hers), Alice, Bob, Ada (as Alice's manager).
@Suite(.serialized) struct ReminderTests {
    static let asOf = "2025-07-01"
    static let secret = "sk_live_4eC39HqLyjWDarjtT1zdp7dcR2"
    static let password = "pw-Zq83-not-shown"
    /// The right answer of the fixture quiz: a reminder never gives it away.
    static let answer = "At least every 73 days"

    /// A fixture handbook with a `reminders:` section (a non-ASCII sender name) and a secret in
    /// Alice's roster name; a self-signed certificate for localhost; the SMTP password file.
    struct Setup {
        let root: FixtureRoot
        let certificate: URL
        let key: URL
        let passwordFile: URL

        init(reminders: String = Setup.reminders) throws {
            root = try FixtureRoot()
            let config = try #require(root.read("content/handbook.yml"))
            try root.write(config + reminders, to: "content/handbook.yml")
            let people = try #require(root.read("content/data/people.csv"))
            try root.write(
                people.replacingOccurrences(of: "Alice Able", with: "Alice Able \(ReminderTests.secret)")
                    .replacingOccurrences(of: "Bob Baker", with: "Bob <script>alert(1)</script> Baker"),
                to: "content/data/people.csv")
            certificate = root.container.appendingPathComponent("cert.pem")
            key = root.container.appendingPathComponent("key.pem")
            let made = try MailTestServer.run([
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out",
                certificate.path, "-days", "1", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
            ])
            guard made.status == 0 else {
                throw MailTestServer.StartFailure(
                    description:
                        "openssl could not make a certificate (bash .ci/install-deps postgres):\n\(made.output)")
            }
            passwordFile = root.container.appendingPathComponent("smtp-password")
            try Data((ReminderTests.password + "\n").utf8).write(to: passwordFile)
        }

        static let reminders = """
            reminders:
              before_days: [14, 3]
              overdue_every_days: 7
              manager_after_days: 14
              from: Équipe Sécurité <security@example.com>
              reply_to: help@example.com

            """

        func smtpServer(reject: [String] = []) async throws -> MailTestServer {
            try await MailTestServer(
                script: "smtp_server.py",
                arguments: ["tls", "{folder}", certificate.path, key.path, "tester", ReminderTests.password]
                    + reject.flatMap { ["--reject", $0] },
                folder: root.container.appendingPathComponent("mail-\(UUID().uuidString)"))
        }

        func smtpArguments(_ server: MailTestServer) -> [String] {
            [
                "--smtp", "smtp://tester@localhost:\(server.port)", "--smtp-ca-file", certificate.path,
                "--smtp-password-file", passwordFile.path,
            ]
        }

        func remind(_ arguments: [String]) async throws -> ProcessOutcome {
            try await AttestExecutable.run(
                ["training", "remind", "--root", root.url.path, "--as-of", ReminderTests.asOf] + arguments,
                in: root.url, timeout: 60)
        }
    }

    /// The messages in `folder`, parsed by Python's email package.
    static func inspect(_ folder: URL) throws -> [[String: Any]] {
        let script = MailTestServer.scripts.appendingPathComponent("inspect_mail.py").path
        let (status, output) = try MailTestServer.run(["python3", script, folder.path])
        guard status == 0 else {
            throw MailTestServer.StartFailure(description: "inspect_mail.py failed:\n\(output)")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
        return try #require(parsed as? [[String: Any]])
    }

    static func sentLines(_ outcome: ProcessOutcome) -> [String] {
        outcome.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("sent: ") }
    }

    @Test func emailAndChatAreSentOnceWithEverythingInPlaceAndNothingSecret() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let smtp = try await setup.smtpServer()
        defer { smtp.stop() }
        let hook = try await MailTestServer(
            script: "webhook_server.py", arguments: ["{folder}"],
            folder: setup.root.container.appendingPathComponent("hook"))
        defer { hook.stop() }
        let webhook = "http://127.0.0.1:\(hook.port)/ok/T000/B000/HOOKSECRETPATH"
        let arguments = setup.smtpArguments(smtp) + ["--webhook", webhook, "--with-invitations"]
        let first = try await setup.remind(arguments)
        #expect(first.exitCode == 0, "\(first)")
        #expect(first.stdout.contains("8 sent, 0 failed"), "\(first)")
        for shown in [first.stdout, first.stderr] {
            #expect(!shown.contains(Self.password))
            #expect(!shown.contains("HOOKSECRETPATH"))
            #expect(!shown.contains(Self.secret))
        }

        let messages = try Self.inspect(smtp.folder)
        #expect(messages.count == 4)
        #expect(
            messages.compactMap { $0["to"] as? String }.sorted() == [
                "admin@example.com", "admin@example.com", "alice@example.com", "bob@example.com",
            ])
        for message in messages {
            #expect(message["from_name"] as? String == "Équipe Sécurité")
            #expect(message["from_address"] as? String == "security@example.com")
            #expect(message["reply_to"] as? String == "help@example.com")
            #expect(message["date_parsed"] as? Bool == true)
            #expect((message["message_id"] as? String)?.hasSuffix("@example.com>") == true)
            #expect(message["content_type"] as? String == "multipart/alternative")
            #expect(message["part_types"] as? [String] == ["text/plain", "text/html"])
            #expect(message["crlf"] as? Bool == true)
            #expect((message["longest_line"] as? Int ?? 999) <= 78)
            #expect(message["seven_bit"] as? Bool == true)
            #expect((message["defects"] as? [String])?.isEmpty == true, "\(message["defects"] ?? "")")
            let envelope = message["envelope"] as? [String: Any]
            #expect(envelope?["tls"] as? Bool == true)
            #expect(envelope?["authenticated"] as? Bool == true)
            #expect(envelope?["mail_from"] as? String == "security@example.com")
            let whole = "\(message)"
            #expect(!whole.contains(Self.secret), "a secret in a message")
            #expect(!whole.contains(Self.answer), "a quiz answer in a message")
            #expect(!whole.contains(Self.password))
        }
        let alice = try #require(messages.first { $0["to"] as? String == "alice@example.com" })
        let text = try #require(alice["text"] as? String), html = try #require(alice["html"] as? String)
        #expect(alice["subject"] as? String == "Overdue: API key basics (Example Corp)")
        #expect((alice["to_name"] as? String)?.hasPrefix("Alice Able sk_live_…") == true)
        #expect(text.contains("Hello Alice Able sk_live_…"))
        #expect(text.contains("- API key basics: overdue, due 2024-03-02 (486 days ago)"))
        #expect(text.contains("https://handbook.example.com/quizzes/key-basics/"))
        #expect(text.contains("covers: Rotating API keys (version 2.1)"))
        #expect(html.contains("<a href=\"https://handbook.example.com/quizzes/key-basics/\">API key basics</a>"))
        // A fresh single-use sign-in link, whole, in both parts.
        let link = try #require(text.split(whereSeparator: { $0.isWhitespace }).first { $0.contains("/invite?token=") })
        #expect(link.hasPrefix("https://handbook.example.com/invite?token=ey"))
        #expect(!link.contains("…"))
        #expect(html.contains("href=\"\(link)\""))
        let bob = try #require(messages.first { $0["to"] as? String == "bob@example.com" })
        #expect(bob["subject"] as? String == "Due today: API key basics (Example Corp)")
        #expect(bob["to_name"] as? String == "Bob <script>alert(1)</script> Baker")
        #expect(
            (bob["html"] as? String)?.contains("<p>Hello Bob &lt;script&gt;alert(1)&lt;/script&gt; Baker,</p>") == true)
        #expect((bob["html"] as? String)?.contains("<script>") == false)
        #expect((bob["text"] as? String)?.contains("Hello Bob <script>alert(1)</script> Baker,") == true)
        let manager = try #require(
            messages.first { ($0["subject"] as? String)?.hasPrefix("Overdue security training") == true })
        #expect(manager["to"] as? String == "admin@example.com")
        #expect((manager["text"] as? String)?.contains("Alice Able sk_live_…") == true)
        #expect((manager["text"] as? String)?.contains("<alice@example.com>, platform") == true)
        #expect((manager["html"] as? String)?.contains("&lt;alice@example.com&gt;") == true)

        // The chat messages: Slack's shape, no sign-in link (a channel is read by others), no secret.
        let posts = hook.files(".json")
        #expect(posts.count == 4)
        for post in posts {
            let data = try Data(contentsOf: post)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(Array(object.keys) == ["text"])
            let body = String(decoding: data, as: UTF8.self)
            #expect(!body.contains("invite?token"))
            #expect(!body.contains(Self.secret))
            let type = try String(contentsOf: URL(fileURLWithPath: post.path + ".type"), encoding: .utf8)
            #expect(type.hasPrefix("application/json"))
        }

        // The same day again: nothing new, on either channel.
        let second = try await setup.remind(arguments)
        #expect(second.exitCode == 0, "\(second)")
        #expect(second.stdout.contains("0 sent, 0 failed"), "\(second)")
        #expect(smtp.files(".eml").count == 4)
        #expect(hook.files(".json").count == 4)
        // The records' chain is untouched by the ledger.
        let verify = try await AttestExecutable.run(
            ["training", "verify", "--root", setup.root.url.path], in: setup.root.url)
        #expect(verify.exitCode == 0, "\(verify)")
    }

    @Test func twoRunsAtOnceSendEachMessageOnce() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let smtp = try await setup.smtpServer()
        defer { smtp.stop() }
        async let one = setup.remind(setup.smtpArguments(smtp))
        async let two = setup.remind(setup.smtpArguments(smtp))
        let (a, b) = try await (one, two)
        #expect(a.exitCode == 0, "\(a)")
        #expect(b.exitCode == 0, "\(b)")
        #expect(Self.sentLines(a).count + Self.sentLines(b).count == 4, "\(a)\n\(b)")
        let messages = try Self.inspect(smtp.folder)
        #expect(messages.count == 4)
        let keys = Set(messages.map { "\($0["to"] ?? "") \($0["subject"] ?? "")" })
        #expect(keys.count == 4)
    }

    @Test func implicitTLSAndAuthLoginDeliver() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        // smtps:// (TLS from the first byte, as on port 465) to a server that offers only AUTH LOGIN.
        let smtps = try await MailTestServer(
            script: "smtp_server.py",
            arguments: ["smtps", "{folder}", setup.certificate.path, setup.key.path, "tester", ReminderTests.password],
            folder: setup.root.container.appendingPathComponent("smtps-\(UUID().uuidString)"))
        defer { smtps.stop() }
        let outcome = try await setup.remind([
            "--smtp", "smtps://tester@localhost:\(smtps.port)", "--smtp-ca-file", setup.certificate.path,
            "--smtp-password-file", setup.passwordFile.path,
        ])
        #expect(outcome.exitCode == 0, "\(outcome)")
        #expect(Self.sentLines(outcome).count == 4, "\(outcome)")
        let metadata = smtps.files(".json").compactMap { url -> [String: Any]? in
            guard let data = try? Data(contentsOf: url) else { return nil }
            return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        }
        #expect(metadata.count == 4)
        #expect(metadata.allSatisfy { $0["user"] as? String == "tester" && $0["tls"] as? Bool == true })
        #expect(try Self.inspect(smtps.folder).count == 4)
    }

    @Test func twoRunsAtOnceOnPostgreSQLSendEachMessageOnce() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        // A throwaway cluster (Tests/PostgreSQL/cluster.sh); a missing PostgreSQL fails the test.
        let cluster = setup.root.container.appendingPathComponent("pg")
        let script = AttestExecutable.packageRoot.appendingPathComponent("Tests/PostgreSQL/cluster.sh").path
        let started = try MailTestServer.run(["bash", script, "start", cluster.path])
        defer { _ = try? MailTestServer.run(["bash", script, "destroy", cluster.path]) }
        try #require(started.status == 0, "\(started.output)")
        let created = try MailTestServer.run(["bash", script, "psql", cluster.path, "-c", "CREATE DATABASE remind"])
        try #require(created.status == 0, "\(created.output)")
        let port = try String(contentsOf: cluster.appendingPathComponent("port"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let records = [
            "--records", "postgres://attest_admin@127.0.0.1:\(port)/remind?sslmode=disable",
            "--records-password-file", cluster.appendingPathComponent("password").path,
        ]
        let smtp = try await setup.smtpServer()
        defer { smtp.stop() }
        async let one = setup.remind(setup.smtpArguments(smtp) + records)
        async let two = setup.remind(setup.smtpArguments(smtp) + records)
        let (a, b) = try await (one, two)
        #expect(a.exitCode == 0, "\(a)")
        #expect(b.exitCode == 0, "\(b)")
        #expect(Self.sentLines(a).count + Self.sentLines(b).count == 4, "\(a)\n\(b)")
        let messages = try Self.inspect(smtp.folder)
        #expect(messages.count == 4)
        #expect(Set(messages.map { "\($0["to"] ?? "") \($0["subject"] ?? "")" }).count == 4)
        let again = try await setup.remind(setup.smtpArguments(smtp) + records)
        #expect(again.stdout.contains("0 sent, 0 failed"), "\(again)")
    }

    @Test func aRejectedRecipientIsReportedAndRetriedAloneByTheNextRun() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let rejecting = try await setup.smtpServer(reject: ["bob@example.com"])
        defer { rejecting.stop() }
        let first = try await setup.remind(setup.smtpArguments(rejecting))
        #expect(first.exitCode == 1, "\(first)")
        #expect(first.stdout.contains("3 sent, 1 failed"), "\(first)")
        #expect(
            first.stderr.contains(
                "error: email to bob@example.com (due) via smtp://tester@localhost:\(rejecting.port) failed: the server "
                    + "refused RCPT TO:<bob@example.com>: 550"), "\(first)")
        #expect(!first.stderr.contains(Self.password))
        #expect(rejecting.files(".eml").count == 3)
        // The next run tries Bob's message again, and only it.
        let again = try await setup.remind(setup.smtpArguments(rejecting))
        #expect(again.exitCode == 1)
        #expect(again.stdout.contains("0 sent, 1 failed"), "\(again)")
        let accepting = try await setup.smtpServer()
        defer { accepting.stop() }
        let last = try await setup.remind(setup.smtpArguments(accepting))
        #expect(last.exitCode == 0, "\(last)")
        #expect(Self.sentLines(last) == ["sent: email to bob@example.com (due)"])
        #expect(accepting.files(".eml").count == 1)
    }

    @Test func aServerThatIsDownOrDropsTheConnectionMidMessageSendsNothingAndTheNextRunSendsAll() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        // Down: a loopback port nobody listens on.
        let closed = try AttestServerProcess.freeLoopbackPort()
        let down = try await setup.remind([
            "--smtp", "smtp://tester@localhost:\(closed)", "--smtp-password-file", setup.passwordFile.path,
        ])
        #expect(down.exitCode == 1, "\(down)")
        #expect(down.stdout.contains("0 sent, 4 failed"), "\(down)")
        #expect(down.stderr.contains("cannot connect"), "\(down)")
        // Drops the connection in the middle of the message (plain SMTP on loopback).
        let dropping = try await MailTestServer(
            script: "smtp_server.py", arguments: ["drop", "{folder}"],
            folder: setup.root.container.appendingPathComponent("drop"))
        defer { dropping.stop() }
        let dropped = try await setup.remind(["--smtp", "smtp+insecure://127.0.0.1:\(dropping.port)"])
        #expect(dropped.exitCode == 1, "\(dropped)")
        #expect(dropped.stdout.contains("0 sent, 4 failed"), "\(dropped)")
        #expect(dropped.stderr.contains("the connection was lost during the message"), "\(dropped)")
        #expect(dropping.files("").filter { $0.lastPathComponent.hasPrefix("dropped-") }.count == 4)
        // Nothing was recorded as sent: a working server gets all four, once its certificate is trusted.
        let smtp = try await setup.smtpServer()
        defer { smtp.stop() }
        let untrusted = try await setup.remind([
            "--smtp", "smtp://tester@localhost:\(smtp.port)", "--smtp-password-file", setup.passwordFile.path,
        ])
        #expect(untrusted.exitCode == 1, "\(untrusted)")
        #expect(
            untrusted.stderr.contains(
                "TLS failed: the certificate of localhost is not trusted (CERTIFICATE_VERIFY_FAILED"),
            "\(untrusted)")
        #expect(smtp.files(".eml").isEmpty)
        let good = try await setup.remind(setup.smtpArguments(smtp))
        #expect(good.exitCode == 0, "\(good)")
        #expect(Self.sentLines(good).count == 4)
        #expect(smtp.files(".eml").count == 4)
    }

    @Test func webhookErrorsAreReportedAndRetried() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let hook = try await MailTestServer(
            script: "webhook_server.py", arguments: ["{folder}"],
            folder: setup.root.container.appendingPathComponent("hook"))
        defer { hook.stop() }
        let failing = try await setup.remind(["--webhook", "http://127.0.0.1:\(hook.port)/fail/SECRETPATH"])
        #expect(failing.exitCode == 1, "\(failing)")
        #expect(failing.stderr.contains("http://127.0.0.1/… answered HTTP 500: internal error"), "\(failing)")
        #expect(!failing.stderr.contains("SECRETPATH"))
        let forbidden = try await setup.remind([
            "--webhook", "http://127.0.0.1:\(hook.port)/forbidden/x", "--webhook-format", "teams",
        ])
        #expect(forbidden.exitCode == 1)
        #expect(forbidden.stderr.contains("answered HTTP 403"), "\(forbidden)")
        let closed = try AttestServerProcess.freeLoopbackPort()
        let down = try await setup.remind(["--webhook", "http://127.0.0.1:\(closed)/x", "--timeout", "2"])
        #expect(down.exitCode == 1)
        #expect(down.stdout.contains("0 sent, 4 failed"), "\(down)")
        #expect(down.stderr.contains("not tried: http://127.0.0.1/… could not be reached"), "\(down)")
        let working = try await setup.remind([
            "--webhook", "http://127.0.0.1:\(hook.port)/ok/x", "--webhook-format", "json",
        ])
        #expect(working.exitCode == 0, "\(working)")
        #expect(Self.sentLines(working).count == 4)
        let bodies = try hook.files(".json").map {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: $0)) as? [String: Any])
        }
        #expect(bodies.count == 4)
        #expect(
            Set(bodies.compactMap { $0["recipient"] as? String }) == [
                "admin@example.com", "alice@example.com", "bob@example.com",
            ])
        #expect(bodies.allSatisfy { ($0["requirements"] as? [[String: Any]])?.isEmpty == false })
    }

    @Test func aClaimLeftByACrashedRunIsReportedAndNeverSentTwice() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let smtp = try await setup.smtpServer()
        defer { smtp.stop() }
        let first = try await setup.remind(setup.smtpArguments(smtp))
        #expect(first.exitCode == 0, "\(first)")
        // As if the run had died after sending Alice's message and before marking it sent, an hour ago.
        let database = setup.root.path(".attest/records.sqlite").path
        let updated = try MailTestServer.run([
            "python3", "-c",
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            n = db.execute("UPDATE reminder_ledger SET state = 'sending', finished_at = NULL, "
                           "claimed_at = '2020-01-01T00:00:00.000Z' WHERE recipient = 'alice@example.com'").rowcount
            db.commit()
            print(n)
            """, database,
        ])
        #expect(updated.status == 0 && updated.output.hasPrefix("1"), "\(updated.output)")
        let after = try await setup.remind(setup.smtpArguments(smtp))
        #expect(after.exitCode == 1, "\(after)")
        #expect(after.stdout.contains("0 sent, 0 failed"), "\(after)")
        #expect(
            after.stderr.contains(
                "warning: email to alice@example.com (overdue-483) was claimed at 2020-01-01T00:00:00.000Z by a run that "
                    + "never confirmed sending it"), "\(after)")
        #expect(smtp.files(".eml").count == 4)
        // After checking, an operator releases it: it is sent again, once.
        let released = try await setup.remind(setup.smtpArguments(smtp) + ["--release-unconfirmed"])
        #expect(released.exitCode == 0, "\(released)")
        #expect(Self.sentLines(released) == ["sent: email to alice@example.com (overdue-483)"])
        #expect(smtp.files(".eml").count == 5)
    }

    @Test func aDryRunPrintsAndWritesEmailsAndSendsOrRecordsNothing() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let smtp = try await setup.smtpServer()
        defer { smtp.stop() }
        let folder = setup.root.container.appendingPathComponent("preview")
        let dry = try await setup.remind(setup.smtpArguments(smtp) + ["--dry-run=\(folder.path)"])
        #expect(dry.exitCode == 0, "\(dry)")
        #expect(dry.stdout.contains("would send: email to alice@example.com (overdue-483): Overdue: API key basics"))
        #expect(dry.stdout.contains("4 would be sent (dry run: nothing sent, nothing recorded)"))
        #expect(smtp.files(".eml").isEmpty)
        let previews = try Self.inspect(folder)
        #expect(previews.count == 4)
        #expect(
            previews.allSatisfy {
                ($0["longest_line"] as? Int ?? 999) <= 78 && ($0["defects"] as? [String])?.isEmpty == true
            })
        let real = try await setup.remind(setup.smtpArguments(smtp))
        #expect(Self.sentLines(real).count == 4, "\(real)")
    }

    @Test func badInputExitsTwoBeforeAnythingIsOpenedOrSent() async throws {
        let setup = try Setup()
        defer { setup.root.remove() }
        let password = ["--smtp-password-file", setup.passwordFile.path]
        let cases: [([String], String)] = [
            (["--smtp", "smtp+insecure://mail.example.com:25"], "only to a loopback host"),
            (["--smtp", "smtp://tester:hunter2@localhost:2525"], "not in the URL"),
            (["--smtp", "smtp://tester@localhost:2525", "--smtp-password-file", "/nonexistent/pw"], "cannot read"),
            (["--smtp", "smtp://tester@localhost:2525"], "no password was given"),
            (["--smtp", "imap://localhost"] + password, "expected smtp://"),
            (["--webhook", "http://hooks.example.com/x"], "only to a loopback host"),
            (["--webhook", "ftp://x"], "expected an https:// URL"),
            ([], "nothing to send with"),
            (["--dry-run", "--as-of", "2025-13-01"], "is not a date"),
        ]
        for (arguments, message) in cases {
            let outcome = try await setup.remind(arguments)
            #expect(outcome.exitCode == 2, "\(arguments): \(outcome)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome)")
            #expect(!outcome.stderr.contains("hunter2"))
            #expect(!outcome.looksLikeCrash)
        }
        #expect(!setup.root.exists(".attest/records.sqlite"))

        // Sending email without a sender.
        let noSender = try Setup(reminders: "")
        defer { noSender.root.remove() }
        let unsent = try await noSender.remind(["--smtp", "smtp+insecure://127.0.0.1:2525"])
        #expect(unsent.exitCode == 2, "\(unsent)")
        #expect(unsent.stderr.contains("content/handbook.yml:1:1: error: sending email needs a sender"), "\(unsent)")
        // A bad reminders section: the file, line and column.
        let badConfig = try Setup(reminders: "reminders:\n  before_days: [14, soon]\n")
        defer { badConfig.root.remove() }
        let bad = try await badConfig.remind(["--dry-run"])
        #expect(bad.exitCode == 2, "\(bad)")
        #expect(bad.stderr.contains("content/handbook.yml:13:21: error: 'before_days' must list"), "\(bad)")
        // A template that does not parse.
        try setup.root.write("{{#requirements}}unclosed", to: "templates/email/reminder.txt.mustache")
        let template = try await setup.remind(["--dry-run"])
        #expect(template.exitCode == 2, "\(template)")
        #expect(template.stderr.contains("templates/email/reminder.txt.mustache:1:"), "\(template)")
    }
}
