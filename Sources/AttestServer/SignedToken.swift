import Foundation

/// A short signed statement: "`subject` may do `purpose` until `expires`", as
/// `base64url(JSON payload).base64url(HMAC-SHA256)`.
///
/// Used for invitation links, session cookies and the form token against cross-site request forgery.
/// The purpose is inside the signed payload, so a token of one kind is never accepted as another.
public struct SignedToken: Hashable, Sendable, Codable {
    public enum Purpose: String, Hashable, Sendable, Codable {
        /// An invitation link (`/invite?token=…`), printed by `attest training invite`.
        case invitation
        /// The session cookie set when an invitation is opened.
        case session
        /// The hidden `csrf_token` of a quiz form, bound to the session (or the proxy identity).
        case formToken = "form"
    }

    /// Why a token was refused.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case malformed, badSignature, wrongPurpose, expired

        public var description: String {
            switch self {
            case .malformed: "the token is malformed"
            case .badSignature: "the token's signature is not valid"
            case .wrongPurpose: "the token is not meant for this"
            case .expired: "the token has expired"
            }
        }
    }

    public var purpose: Purpose
    /// Lowercased email.
    public var subject: String
    /// Seconds since 1970, UTC.
    public var expires: Int64
    /// Random per session; a form token carries its session's nonce.
    public var nonce: String

    public init(purpose: Purpose, subject: String, expires: Int64, nonce: String) {
        self.purpose = purpose
        self.subject = subject.lowercased()
        self.expires = expires
        self.nonce = nonce
    }

    /// A random nonce (128 bits, hex).
    public static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "")
    }

    /// The token text, safe in URLs and cookies.
    public func encoded(with key: ServerSigningKey) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Encoding a struct of strings and an integer cannot fail.
        let payload = Array((try? encoder.encode(self)) ?? Data())
        return Self.base64URL(payload) + "." + Self.base64URL(key.signature(for: payload))
    }

    /// Checks the signature, purpose and expiry of `text`.
    public static func decode(
        _ text: some StringProtocol, purpose: Purpose, key: ServerSigningKey, now: Date
    ) -> Result<SignedToken, Failure> {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, text.utf8.count < 2048, let payload = bytes(fromBase64URL: parts[0]),
            let signature = bytes(fromBase64URL: parts[1])
        else { return .failure(.malformed) }
        guard key.isValidSignature(signature, for: payload) else { return .failure(.badSignature) }
        guard let token = try? JSONDecoder().decode(SignedToken.self, from: Data(payload)) else {
            return .failure(.malformed)
        }
        guard token.purpose == purpose else { return .failure(.wrongPurpose) }
        guard Double(token.expires) > now.timeIntervalSince1970 else { return .failure(.expired) }
        return .success(token)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    static func bytes(fromBase64URL text: some StringProtocol) -> [UInt8]? {
        guard !text.isEmpty else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while !base64.utf8.count.isMultiple(of: 4) { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
