/// A webhook URL: `https://…`, or `http://` to a loopback host. Its path and query often hold the
/// secret that lets anyone post (Slack's, Teams'), so ``display`` shows only the scheme and host.
public struct WebhookAddress: Hashable, Sendable, CustomStringConvertible {
    public var url: String
    public var isSecure: Bool
    public var host: String

    public struct ParseError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public init(url: String) throws(ParseError) {
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            isSecure = true
            rest = url.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            isSecure = false
            rest = url.dropFirst(7)
        } else {
            throw ParseError(description: "expected an https:// URL")
        }
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = String(authority)
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let port = Int(host[host.index(after: colon)...]), (1...65535).contains(port) else {
                throw ParseError(description: "the port must be 1…65535")
            }
            host = String(host[..<colon])
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-._:".contains($0) }) else {
            throw ParseError(description: "the URL has no valid host")
        }
        if !isSecure, !SMTPServerAddress.isLoopback(host) {
            throw ParseError(
                description: "http:// sends the webhook's secret in clear text: only to a loopback host, not to "
                    + "'\(host)'; use https://")
        }
        self.url = url
        self.host = host
    }

    /// `https://hooks.example.com/…`: never the path or query, which may hold the secret.
    public var display: String { (isSecure ? "https://" : "http://") + host + "/…" }
    public var description: String { display }
}
