import Foundation

/// Where PostgreSQL records are: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…]` parsed.
///
/// The password is kept apart: ``display`` (what every message shows) never holds it.
public struct PostgresLocation: Hashable, Sendable {
    /// How the connection is encrypted, as libpq's `sslmode` (a subset).
    public enum SSLMode: String, Hashable, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or nothing, without checking the server's certificate.
        case require
        /// TLS, the certificate checked against the trusted roots (`sslrootcert`, else the
        /// system's) and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    /// From the URL, `--records-password-file` or `PGPASSWORD`; never shown.
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// `sslrootcert`: a PEM file of the certificate authorities to trust with `verify-full`.
    public var rootCertificateFile: String?

    /// Whether `text` names a PostgreSQL database (`postgres://` or `postgresql://`).
    public static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses the URL. Error messages show the URL without its password.
    public init(url: String) throws(ParseError) {
        let form = "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=disable|prefer|require|verify-full]"
        guard let schemeEnd = url.range(of: "://"), Self.isPostgresURL(url) else {
            throw ParseError("not a PostgreSQL URL; \(form)")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw ParseError("no database name; \(form)") }
        let authority = rest[..<slash]
        let path = rest[rest.index(after: slash)...]
        guard let at = authority.lastIndex(of: "@") else { throw ParseError("no user name; \(form)") }
        let userInfo = authority[..<at]
        var hostPort = authority[authority.index(after: at)...]
        let userPart: Substring
        if let colon = userInfo.firstIndex(of: ":") {
            userPart = userInfo[..<colon]
            guard let decoded = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding else {
                throw ParseError("the password is not valid percent-encoding")
            }
            password = decoded
        } else {
            userPart = userInfo
            password = nil
        }
        guard let decodedUser = String(userPart).removingPercentEncoding, !decodedUser.isEmpty else {
            throw ParseError("no user name; \(form)")
        }
        user = decodedUser
        port = 5432
        if hostPort.hasPrefix("[") {
            // [::1]:5432
            guard let close = hostPort.firstIndex(of: "]") else { throw ParseError("an IPv6 host needs a closing ]") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            hostPort = hostPort[hostPort.index(after: close)...]
            if !hostPort.isEmpty {
                guard hostPort.hasPrefix(":") else { throw ParseError("unexpected text after the host") }
                port = try Self.port(hostPort.dropFirst())
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            port = try Self.port(hostPort[hostPort.index(after: colon)...])
        } else {
            host = String(hostPort)
        }
        guard !host.isEmpty else { throw ParseError("no host; \(form)") }
        guard let decodedDatabase = String(path).removingPercentEncoding, !decodedDatabase.isEmpty,
            !decodedDatabase.contains("/")
        else {
            throw ParseError("no database name; \(form)")
        }
        database = decodedDatabase
        sslMode = .prefer
        rootCertificateFile = nil
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let name = String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
            switch name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw ParseError(
                        "sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'"
                    )
                }
                sslMode = mode
            case "sslrootcert":
                guard !value.isEmpty else { throw ParseError("sslrootcert needs a file") }
                rootCertificateFile = value
            default:
                throw ParseError("unknown parameter '\(name)' (known: sslmode, sslrootcert)")
            }
        }
    }

    private static func port(_ text: Substring) throws(ParseError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw ParseError("the port must be 1…65535, not '\(text)'")
        }
        return port
    }

    /// The URL without its password: what messages and logs show.
    public var display: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var text = "postgres://\(user)@\(shownHost):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
        if let rootCertificateFile { text += "&sslrootcert=\(rootCertificateFile)" }
        return text
    }

    /// Why a URL cannot be used; the message never holds the password.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }
}

extension PostgresLocation.ParseError {
    /// `--records-password-file` cannot be read.
    public static func passwordFile(_ path: String) -> Self {
        Self("cannot read the password file '\(path)'")
    }
}
