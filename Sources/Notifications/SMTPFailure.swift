/// Why a message was not sent. Never holds the password.
public enum SMTPFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server could not be reached (refused, no route, name not found, timed out connecting).
    case unreachable(String)
    /// The server answered a step with an error or an unexpected code.
    case rejected(step: String, reply: SMTPReply)
    /// The server lacks what is required (STARTTLS, AUTH PLAIN or LOGIN).
    case unsupported(String)
    /// The connection closed or broke before the message was accepted.
    case connectionLost(step: String, detail: String)
    /// TLS failed (handshake, certificate).
    case tls(String)
    /// No answer in time.
    case timedOut(step: String)

    public var description: String {
        switch self {
        case .unreachable(let detail): "cannot connect: \(detail)"
        case .rejected(let step, let reply): "the server refused \(step): \(reply)"
        case .unsupported(let detail): detail
        case .connectionLost(let step, let detail): "the connection was lost during \(step) (\(detail))"
        case .tls(let detail): "TLS failed: \(detail)"
        case .timedOut(let step): "no answer from the server during \(step) in time"
        }
    }
}
