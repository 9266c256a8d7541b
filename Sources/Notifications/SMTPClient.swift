import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// Sends messages over SMTP on SwiftNIO and swift-nio-ssl: one connection per message, the
/// protocol driven by ``SMTPConversation``. TLS certificates are checked against the system's
/// roots (or `trustRoots`) and the host name.
public struct SMTPClient: Sendable {
    public let server: SMTPServerAddress
    let password: String?
    /// The name this client gives in EHLO.
    public let clientName: String
    /// PEM file of the certificates to trust instead of the system's (a private CA, tests).
    public let trustRootsFile: String?
    /// How long a whole message may take, connection included.
    public let timeout: TimeAmount

    public init(
        server: SMTPServerAddress, password: String?, clientName: String = SMTPClient.defaultClientName,
        trustRootsFile: String? = nil, timeout: TimeAmount = .seconds(30)
    ) {
        self.server = server
        self.password = password
        self.clientName = clientName
        self.trustRootsFile = trustRootsFile
        self.timeout = timeout
    }

    /// This machine's host name when it is a plausible domain, else `localhost`.
    public static var defaultClientName: String {
        let name = ProcessInfo.processInfo.hostName
        let plausible =
            !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.".contains($0)) }
        return plausible ? name : "localhost"
    }

    /// Sends `message` (RFC 5322 bytes, CRLF) from `from` to `recipients`. Returns once the server
    /// accepted it (250 after the data); throws ``SMTPFailure`` otherwise.
    public func send(from: String, to recipients: [String], message: [UInt8]) async throws(SMTPFailure) {
        let tlsContext: NIOSSLContext?
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let trustRootsFile { configuration.trustRoots = .file(trustRootsFile) }
            tlsContext = server.security == .none ? nil : try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tls("cannot set up TLS: \(error)")
        }
        let server = server, timeout = timeout
        // SNI and the certificate's name: a host name; an IP address is checked against the certificate's IP entries.
        let sniName: String? = Self.isIPAddress(server.host) ? nil : server.host
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: server.host, port: server.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if server.security == .implicitTLS, let tlsContext {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: sniName))
                        }
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw .unreachable("\(server.display): \(Self.describe(error))")
        }
        let timedOut = NIOLockedValueBox(false)
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) {
            timedOut.withLockedValue { $0 = true }
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        var conversation = SMTPConversation(
            clientName: clientName, security: server.security, user: server.user, password: password, from: from,
            recipients: recipients)
        // Between starting TLS and the server's first answer over it: a failure then is the handshake's.
        var handshaking = server.security == .implicitTLS
        do {
            try await channel.executeThenClose { inbound, outbound in
                var replies = inbound.makeAsyncIterator()
                func nextReply(_ step: String) async throws -> SMTPReply {
                    guard let reply = try await replies.next() else {
                        if timedOut.withLockedValue({ $0 }) { throw SMTPFailure.timedOut(step: step) }
                        throw SMTPFailure.connectionLost(step: step, detail: "the server closed it")
                    }
                    handshaking = false
                    return reply
                }
                var action = try conversation.receive(try await nextReply(conversation.step))
                while true {
                    switch action {
                    case .send(let line), .sendSecret(let line):
                        try await outbound.write(ByteBuffer(string: line + "\r\n"))
                    case .startTLS:
                        guard let tlsContext else { throw SMTPFailure.tls("no TLS context") }
                        let underlying = channel.channel
                        try await underlying.eventLoop.submit {
                            try underlying.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: tlsContext, serverHostname: sniName), position: .first)
                        }.get()
                        handshaking = true
                        action = conversation.tlsStarted()
                        continue
                    case .sendMessage:
                        try await outbound.write(ByteBuffer(bytes: SMTPConversation.dataPayload(message)))
                    case .close:
                        return
                    }
                    let step = conversation.step
                    do {
                        action = try conversation.receive(try await nextReply(step))
                    } catch let failure as SMTPFailure {
                        // After the message was accepted, an unanswered QUIT changes nothing.
                        if conversation.messageAccepted { return }
                        throw failure
                    }
                }
            }
        } catch let failure as SMTPFailure {
            if handshaking, case .connectionLost = failure {
                throw .tls(Self.handshakeFailure(failure, host: server.host))
            }
            throw failure
        } catch {
            if conversation.messageAccepted { return }
            if timedOut.withLockedValue({ $0 }) { throw .timedOut(step: conversation.step) }
            if handshaking || error is NIOSSLError || error is BoringSSLError {
                throw .tls(Self.handshakeFailure(error, host: server.host))
            }
            throw .connectionLost(step: conversation.step, detail: Self.describe(error))
        }
    }

    /// The handshake's failure in a line: BoringSSL's reason code when there is one.
    static func handshakeFailure(_ error: any Error, host: String) -> String {
        let text = "\(error)"
        guard let range = text.range(of: "OPENSSL_internal:[A-Z_]+", options: .regularExpression) else {
            return
                "the TLS handshake with \(host) failed (the connection closed; does the server speak TLS on this port?)"
        }
        let reason = text[range].dropFirst("OPENSSL_internal:".count)
        if reason == "CERTIFICATE_VERIFY_FAILED" {
            return
                "the certificate of \(host) is not trusted (CERTIFICATE_VERIFY_FAILED; --smtp-ca-file names a private CA)"
        }
        return "the TLS handshake with \(host) failed (\(reason))"
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? IOError { return error.description }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { "\($0.error)" } ?? "\(error)"
        }
        return "\(error)"
    }
}
