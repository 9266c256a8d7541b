import Foundation
import Testing

@testable import Notifications

@Suite struct SMTPConversationTests {
    static func reply(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines) }

    @Test func startTLSThenAuthPlainThenOneMessage() throws {
        var conversation = SMTPConversation(
            clientName: "client.example", security: .startTLS, user: "tester", password: "pa:ss", from: "a@example.com",
            recipients: ["b@example.com"])
        #expect(try conversation.receive(Self.reply(220, "mx ESMTP")) == .send("EHLO client.example"))
        #expect(try conversation.receive(Self.reply(250, "mx", "STARTTLS", "8BITMIME")) == .send("STARTTLS"))
        #expect(try conversation.receive(Self.reply(220, "go ahead")) == .startTLS)
        #expect(conversation.tlsStarted() == .send("EHLO client.example"))
        let token = Data("\0tester\0pa:ss".utf8).base64EncodedString()
        #expect(
            try conversation.receive(Self.reply(250, "mx", "AUTH LOGIN PLAIN")) == .sendSecret("AUTH PLAIN \(token)"))
        #expect(try conversation.receive(Self.reply(235, "ok")) == .send("MAIL FROM:<a@example.com>"))
        #expect(try conversation.receive(Self.reply(250, "ok")) == .send("RCPT TO:<b@example.com>"))
        #expect(try conversation.receive(Self.reply(250, "ok")) == .send("DATA"))
        #expect(try conversation.receive(Self.reply(354, "go")) == .sendMessage)
        #expect(!conversation.messageAccepted)
        #expect(try conversation.receive(Self.reply(250, "queued")) == .send("QUIT"))
        #expect(conversation.messageAccepted)
        #expect(try conversation.receive(Self.reply(221, "bye")) == .close)
    }

    @Test func aServerWithoutStartTLSIsRefusedBeforeAnythingIsSent() throws {
        var conversation = SMTPConversation(
            clientName: "c", security: .startTLS, user: "u", password: "p", from: "a@example.com",
            recipients: ["b@example.com"])
        _ = try conversation.receive(Self.reply(220))
        #expect(throws: SMTPFailure.self) { try conversation.receive(Self.reply(250, "mx", "AUTH PLAIN")) }
    }

    @Test func authLoginAndRejectedRecipient() throws {
        var conversation = SMTPConversation(
            clientName: "c", security: .implicitTLS, user: "u", password: "p", from: "a@example.com",
            recipients: ["b@example.com"])
        _ = try conversation.receive(Self.reply(220))
        let user = Data("u".utf8).base64EncodedString(), password = Data("p".utf8).base64EncodedString()
        #expect(try conversation.receive(Self.reply(250, "mx", "AUTH LOGIN")) == .send("AUTH LOGIN \(user)"))
        #expect(try conversation.receive(Self.reply(334, "UGFzc3dvcmQ6")) == .sendSecret(password))
        #expect(try conversation.receive(Self.reply(235)) == .send("MAIL FROM:<a@example.com>"))
        #expect(try conversation.receive(Self.reply(250)) == .send("RCPT TO:<b@example.com>"))
        do {
            _ = try conversation.receive(Self.reply(550, "no such user"))
            Issue.record("a rejected recipient was accepted")
        } catch {
            #expect(error == .rejected(step: "RCPT TO:<b@example.com>", reply: Self.reply(550, "no such user")))
            #expect(error.description == "the server refused RCPT TO:<b@example.com>: 550 no such user")
        }
    }

    @Test func aLoginWithoutAuthIsUnsupportedAndAWrongPasswordIsRejected() throws {
        var noAuth = SMTPConversation(
            clientName: "c", security: .none, user: "u", password: "p", from: "a@example.com", recipients: ["b@x.org"])
        _ = try noAuth.receive(Self.reply(220))
        #expect(throws: SMTPFailure.self) { try noAuth.receive(Self.reply(250, "mx")) }
        var wrong = SMTPConversation(
            clientName: "c", security: .none, user: "u", password: "p", from: "a@example.com", recipients: ["b@x.org"])
        _ = try wrong.receive(Self.reply(220))
        _ = try wrong.receive(Self.reply(250, "mx", "AUTH PLAIN"))
        #expect(throws: SMTPFailure.self) { try wrong.receive(Self.reply(535, "authentication failed")) }
    }

    @Test func dataIsDotStuffedAndEndsWithADot() {
        let payload = SMTPConversation.dataPayload(Array("a\r\n.b\r\n..c\nd".utf8))
        #expect(String(decoding: payload, as: UTF8.self) == "a\r\n..b\r\n...c\r\nd\r\n.\r\n")
    }

    @Test func serverAddresses() throws {
        let plain = try SMTPServerAddress(url: "smtp://mailer@mail.example.com")
        #expect(plain.security == .startTLS && plain.port == 587 && plain.user == "mailer")
        #expect(plain.display == "smtp://mailer@mail.example.com:587")
        #expect(try SMTPServerAddress(url: "smtps://mail.example.com").port == 465)
        #expect(
            try SMTPServerAddress(url: "smtp+insecure://127.0.0.1:2525").security == SMTPServerAddress.Security.none)
        #expect(try SMTPServerAddress(url: "smtp+insecure://[::1]:2525").host == "::1")
        #expect(throws: SMTPServerAddress.ParseError.self) {
            try SMTPServerAddress(url: "smtp+insecure://mail.example.com")
        }
        #expect(throws: SMTPServerAddress.ParseError.self) {
            try SMTPServerAddress(url: "smtp://u:secret@mail.example.com")
        }
        #expect(throws: SMTPServerAddress.ParseError.self) { try SMTPServerAddress(url: "http://mail.example.com") }
        #expect(throws: SMTPServerAddress.ParseError.self) { try SMTPServerAddress(url: "smtp://mail.example.com:0") }
        let hook = try WebhookAddress(url: "https://hooks.slack.com/services/T000/B000/SECRETSECRET")
        #expect(hook.display == "https://hooks.slack.com/…")
        #expect(throws: WebhookAddress.ParseError.self) { try WebhookAddress(url: "http://hooks.example.com/x") }
    }
}
