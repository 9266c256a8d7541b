/// Why the server (or the invite command) cannot start: a bad key or secret file, a bad option.
public enum ServerSetupError: Error, Hashable, Sendable, CustomStringConvertible {
    case badKeyFile(String)
    case badProxySecret(String)
    case badSite(String)
    case badOption(String)

    public var description: String {
        switch self {
        case .badKeyFile(let message), .badProxySecret(let message), .badSite(let message),
            .badOption(let message):
            message
        }
    }
}
