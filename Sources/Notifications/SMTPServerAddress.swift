import Foundation

/// Where to send email: `smtp://[USER@]HOST[:587]` (STARTTLS required), `smtps://[USER@]HOST[:465]`
/// (TLS from the start) or `smtp+insecure://[USER@]HOST[:25]` (no TLS: only to a loopback host).
/// The password is never part of it (``SMTPClient`` takes it apart), so ``display`` is always safe.
public struct SMTPServerAddress: Hashable, Sendable, CustomStringConvertible {
    public enum Security: String, Hashable, Sendable {
        /// Plain connection upgraded with STARTTLS before anything else; refused when not offered.
        case startTLS
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
        /// No TLS at all (`smtp+insecure://`, loopback hosts only).
        case none
    }

    public var security: Security
    public var user: String?
    public var host: String
    public var port: Int

    /// Why a URL was refused (exit 2).
    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Parses the URL; refuses a password in it, an unknown scheme, a bad port, and
    /// `smtp+insecure://` to a host that is not a loopback address.
    public init(url text: String) throws(ParseError) {
        let lower = text.lowercased()
        let scheme: Security, rest: Substring, defaultPort: Int
        if lower.hasPrefix("smtp://") {
            (scheme, rest, defaultPort) = (.startTLS, text.dropFirst(7), 587)
        } else if lower.hasPrefix("smtps://") {
            (scheme, rest, defaultPort) = (.implicitTLS, text.dropFirst(8), 465)
        } else if lower.hasPrefix("smtp+insecure://") {
            (scheme, rest, defaultPort) = (.none, text.dropFirst(16), 25)
        } else {
            throw ParseError(description: "expected smtp://, smtps:// or smtp+insecure://HOST[:PORT]")
        }
        var authority = rest
        if let slash = authority.firstIndex(of: "/") {
            guard authority[slash...].allSatisfy({ $0 == "/" }) else {
                throw ParseError(description: "an SMTP URL has no path; expected smtp://USER@HOST:PORT")
            }
            authority = authority[..<slash]
        }
        var user: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            guard !userInfo.contains(":") else {
                throw ParseError(
                    description: "put the password in --smtp-password-file or ATTEST_SMTP_PASSWORD, not in the URL")
            }
            user = String(userInfo).removingPercentEncoding ?? String(userInfo)
            authority = authority[authority.index(after: at)...]
        }
        var host = String(authority)
        var port = defaultPort
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw ParseError(description: "unclosed [ in the host") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let number = Int(after.dropFirst()), (1...65535).contains(number) else {
                    throw ParseError(description: "the port must be 1…65535")
                }
                port = number
            } else if !after.isEmpty {
                throw ParseError(description: "unexpected text after the host")
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let number = Int(host[host.index(after: colon)...]), (1...65535).contains(number) else {
                throw ParseError(description: "the port must be 1…65535")
            }
            port = number
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw ParseError(description: "the URL has no host") }
        guard host.allSatisfy({ $0.isLetter || $0.isNumber || "-.:_".contains($0) }) else {
            throw ParseError(description: "'\(host)' is not a host name or address")
        }
        if scheme == .none, !Self.isLoopback(host) {
            throw ParseError(
                description: "smtp+insecure:// sends the password and the messages in clear text: only to a loopback "
                    + "host (127.0.0.0/8, ::1, localhost), not to '\(host)'; use smtp:// (STARTTLS) or smtps://")
        }
        self.security = scheme
        self.user = user.flatMap { $0.isEmpty ? nil : $0 }
        self.host = host
        self.port = port
    }

    public init(security: Security, user: String?, host: String, port: Int) {
        self.security = security
        self.user = user
        self.host = host
        self.port = port
    }

    /// The URL as given, without any password: safe in messages and logs.
    public var display: String {
        let scheme =
            switch security {
            case .startTLS: "smtp"
            case .implicitTLS: "smtps"
            case .none: "smtp+insecure"
            }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(user.map { $0 + "@" } ?? "")\(shownHost):\(port)"
    }

    public var description: String { display }

    /// 127.0.0.0/8, ::1 or localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "0:0:0:0:0:0:0:1" { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
