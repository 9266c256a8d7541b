import Foundation

/// The SMTP protocol's state machine for sending one message (RFC 5321, STARTTLS RFC 3207, AUTH
/// RFC 4954 with PLAIN and LOGIN), and nothing else: it takes the server's replies and says what to
/// do next. ``SMTPClient`` carries its actions over the network.
///
/// greeting 220 → EHLO → (STARTTLS → 220 → TLS handshake → EHLO) → (AUTH) → MAIL FROM → RCPT TO
/// (each recipient) → DATA → 354 → the message → 250 → QUIT. Any other reply ends the conversation
/// with ``SMTPFailure/rejected(step:reply:)``; a `smtp://` server that does not offer STARTTLS, or
/// a login without AUTH PLAIN or LOGIN, with ``SMTPFailure/unsupported(_:)``.
public struct SMTPConversation: Sendable {
    /// What to do next.
    public enum Action: Hashable, Sendable {
        /// Send this command line (without CRLF).
        case send(String)
        /// Send this command line holding credentials: never log it.
        case sendSecret(String)
        /// Start TLS on the connection, then call ``tlsStarted()``.
        case startTLS
        /// Send the message (``dataPayload(_:)`` of it).
        case sendMessage
        /// The message was accepted and QUIT answered (or the connection may close): done.
        case close
    }

    enum State: Hashable, Sendable {
        case greeting, ehlo, startTLS, authPlain, authLoginUser, authLoginPassword, mailFrom
        case recipient(Int)
        case data, message, quit, finished
    }

    public let clientName: String
    public let security: SMTPServerAddress.Security
    let credentials: (user: String, password: String)?
    public let from: String
    public let recipients: [String]
    private(set) var state: State = .greeting
    private(set) var tlsActive: Bool
    /// The capabilities of the last EHLO reply (upper-cased keywords with their parameters).
    private(set) var capabilities: [String] = []
    /// Whether the server accepted the message (a 250 after the data): from then on, a failure
    /// (QUIT unanswered) does not unsend it.
    public private(set) var messageAccepted = false

    public init(
        clientName: String, security: SMTPServerAddress.Security, user: String?, password: String?, from: String,
        recipients: [String]
    ) {
        self.clientName = clientName
        self.security = security
        if let user, let password { credentials = (user, password) } else { credentials = nil }
        self.from = from
        self.recipients = recipients
        tlsActive = security == .implicitTLS
    }

    /// The step in words, for messages.
    public var step: String {
        switch state {
        case .greeting: "the greeting"
        case .ehlo: "EHLO"
        case .startTLS: "STARTTLS"
        case .authPlain, .authLoginUser, .authLoginPassword: "authentication"
        case .mailFrom: "MAIL FROM"
        case .recipient(let index): "RCPT TO:<\(recipients[index])>"
        case .data: "DATA"
        case .message: "the message"
        case .quit: "QUIT"
        case .finished: "the end"
        }
    }

    /// The next action after `reply`.
    public mutating func receive(_ reply: SMTPReply) throws(SMTPFailure) -> Action {
        switch state {
        case .greeting:
            try expect(reply, 220)
            return ehlo()
        case .ehlo:
            try expect(reply, 250)
            capabilities = reply.lines.dropFirst().map { $0.uppercased() }
            if security == .startTLS, !tlsActive {
                guard capabilities.contains(where: { $0 == "STARTTLS" || $0.hasPrefix("STARTTLS ") }) else {
                    throw .unsupported(
                        "the server does not offer STARTTLS, which smtp:// requires (use smtps:// for TLS from the "
                            + "start)")
                }
                state = .startTLS
                return .send("STARTTLS")
            }
            return try authenticateOrMail()
        case .startTLS:
            try expect(reply, 220)
            return .startTLS
        case .authPlain, .authLoginPassword:
            try expect(reply, 235)
            return mailFrom()
        case .authLoginUser:
            try expect(reply, 334)
            state = .authLoginPassword
            return .sendSecret(Data(credentials!.password.utf8).base64EncodedString())
        case .mailFrom:
            try expect(reply, 250)
            state = .recipient(0)
            return .send("RCPT TO:<\(recipients[0])>")
        case .recipient(let index):
            guard reply.code == 250 || reply.code == 251 else { throw .rejected(step: step, reply: reply) }
            if index + 1 < recipients.count {
                state = .recipient(index + 1)
                return .send("RCPT TO:<\(recipients[index + 1])>")
            }
            state = .data
            return .send("DATA")
        case .data:
            try expect(reply, 354)
            state = .message
            return .sendMessage
        case .message:
            try expect(reply, 250)
            messageAccepted = true
            state = .quit
            return .send("QUIT")
        case .quit, .finished:
            state = .finished
            return .close
        }
    }

    /// After the TLS handshake that `.startTLS` asked for: EHLO again (RFC 3207 forgets what was said).
    public mutating func tlsStarted() -> Action {
        tlsActive = true
        return ehlo()
    }

    private mutating func ehlo() -> Action {
        state = .ehlo
        return .send("EHLO \(clientName)")
    }

    private mutating func authenticateOrMail() throws(SMTPFailure) -> Action {
        guard let credentials else { return mailFrom() }
        let mechanisms =
            capabilities.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }?
            .dropFirst(5).split(separator: " ").map(String.init) ?? []
        if mechanisms.contains("PLAIN") {
            state = .authPlain
            let token = Data(("\0" + credentials.user + "\0" + credentials.password).utf8).base64EncodedString()
            return .sendSecret("AUTH PLAIN " + token)
        }
        if mechanisms.contains("LOGIN") {
            state = .authLoginUser
            return .send("AUTH LOGIN " + Data(credentials.user.utf8).base64EncodedString())
        }
        throw .unsupported(
            "the server offers no AUTH PLAIN or LOGIN (it offers: \(mechanisms.isEmpty ? "none" : mechanisms.joined(separator: ", ")))"
        )
    }

    private mutating func mailFrom() -> Action {
        state = .mailFrom
        return .send("MAIL FROM:<\(from)>")
    }

    private func expect(_ reply: SMTPReply, _ code: Int) throws(SMTPFailure) {
        guard reply.code == code else { throw .rejected(step: step, reply: reply) }
    }

    /// The message as sent after DATA: CRLF line ends, each line starting with `.` given another
    /// (dot-stuffing), then `.` alone on a line.
    public static func dataPayload(_ message: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if atLineStart, byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { output.append(UInt8(ascii: "\r")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
            previous = byte
        }
        if !(output.suffix(2) == [13, 10]) { output += [13, 10] }
        output += Array(".\r\n".utf8)
        return output
    }
}
