import PostgresNIO

/// Plain sentences for what PostgreSQL or the connection reported. PSQLError's own description is
/// deliberately vague; these never hold a password (the server's messages do not either).
enum PostgresFailure {
    static func reason(_ error: any Error, location: PostgresLocation) -> String {
        if let error = error as? RecordStoreErrorConvertible { return error.reason }
        if let error = error as? PSQLError { return reason(error, location: location) }
        if error is CancellationError { return "the operation was cancelled" }
        if let error = error as? NIOSSLError { return "TLS failed: \(error)" }
        return "\(error)"
    }

    static func reason(_ error: PSQLError, location: PostgresLocation) -> String {
        let server = "\(location.host):\(location.port)"
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let message = error.serverInfo?[.message] ?? "an error"
            switch state {
            case "28P01", "28000":
                return "the server refused the login of '\(location.user)': \(message) (check the password)"
            case "3D000": return "the database '\(location.database)' does not exist on \(server)"
            case "57P01", "57P02", "57P03": return "the server is shutting down or starting up (\(message))"
            default: return "\(message) (SQLSTATE \(state))"
            }
        case .connectionError where error.underlying is NIOSSLError:
            let detail = "\(error.underlying.map { "\($0)" } ?? "")"
            if detail.contains("CERTIFICATE_VERIFY_FAILED") {
                return "TLS with \(server) failed: the server's certificate is not signed by a trusted root "
                    + "(sslmode=verify-full; name the certificate authority with sslrootcert=FILE)"
            }
            return "TLS with \(server) failed (\(detail))"
        case .connectionError:
            let underlying = error.underlying.map { " (\($0))" } ?? ""
            return "cannot connect to PostgreSQL at \(server)\(underlying)"
        case .sslUnsupported:
            return "the server at \(server) does not offer TLS, but sslmode=\(location.sslMode.rawValue) requires it"
        case .failedToAddSSLHandler:
            return "TLS could not be set up\(error.underlying.map { " (\($0))" } ?? "")"
        case .serverClosedConnection, .uncleanShutdown:
            return "the connection to \(server) was closed by the server"
        case .clientClosedConnection, .poolClosed: return "the connection to \(server) is closed"
        case .authMechanismRequiresPassword:
            return "the server asks '\(location.user)' for a password, and none was given "
                + "(in the URL, --records-password-file or PGPASSWORD)"
        case .unsupportedAuthMechanism: return "the server asks for an authentication method attest does not support"
        case .queryCancelled: return "the query was cancelled"
        default:
            if let underlying = error.underlying { return "\(error.code) (\(underlying))" }
            return "\(error.code)"
        }
    }
}

/// Errors of this target that already carry a plain reason.
protocol RecordStoreErrorConvertible: Error {
    var reason: String { get }
}
