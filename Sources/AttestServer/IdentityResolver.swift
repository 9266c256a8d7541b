import Foundation
import HTTPTypes
import Hummingbird

/// Finds the ``CallerIdentity`` of a request from the ``IdentityConfiguration``.
struct IdentityResolver: Sendable {
    /// The outcome for one request.
    enum Outcome: Sendable {
        case identified(CallerIdentity)
        /// Nobody is identified; the message says how to sign in.
        case anonymous(String)
        /// Credentials were presented but are not acceptable (401).
        case refused(String)
    }

    let configuration: IdentityConfiguration

    func resolve(_ request: Request, now: Date) -> Outcome {
        if let proxy = configuration.trustedProxy {
            let secret = request.headers[TrustedProxyHeader.secretHeaderName]
            let email = request.headers[proxy.headerName]
            if let secret {
                guard proxy.accepts(secret) else {
                    return .refused("The proxy secret (X-Attest-Proxy-Secret) is not valid.")
                }
                guard let email, Self.isPlausibleEmail(email) else {
                    return .refused("The proxy did not send a valid \(proxy.headerName.rawName) header.")
                }
                return .identified(CallerIdentity(email: email, source: .proxy, bindingNonce: "proxy"))
            }
            if email != nil {
                return .refused(
                    "The \(proxy.headerName.rawName) header is only honoured from the single-sign-on proxy "
                        + "(requests carrying X-Attest-Proxy-Secret).")
            }
        }
        if let cookie = request.cookies[IdentityConfiguration.sessionCookieName] {
            switch SignedToken.decode(cookie.value, purpose: .session, key: configuration.signingKey, now: now) {
            case .success(let token):
                return .identified(CallerIdentity(email: token.subject, source: .invitation, bindingNonce: token.nonce))
            case .failure(let failure):
                return .refused("Your session is not valid (\(failure)); ask for a new invitation link.")
            }
        }
        if let dev = configuration.devIdentity {
            return .identified(CallerIdentity(email: dev, source: .dev, bindingNonce: "dev"))
        }
        return .anonymous(anonymousMessage)
    }

    /// What an anonymous caller is told.
    var anonymousMessage: String {
        if let proxy = configuration.trustedProxy {
            return "Sign in through the single-sign-on proxy (which sends \(proxy.headerName.rawName)), "
                + "or open an invitation link from `attest training invite EMAIL`."
        }
        return "You are not signed in. Open the invitation link you were sent (an administrator prints one with "
            + "`attest training invite EMAIL`), or run the server behind a single-sign-on proxy with "
            + "`--trusted-header X-Forwarded-Email --proxy-secret-file FILE`; for local trials only, "
            + "`attest serve --dev-identity EMAIL`."
    }

    /// A single address, no spaces or control characters: `local@domain`.
    static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && text.utf8.count <= 254
            && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && $0 != "," && $0 != ";" }
    }
}
