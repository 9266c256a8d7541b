import Crypto
import Foundation
import HTTPTypes

/// Identity from a single-sign-on proxy: the header (e.g. `X-Forwarded-Email`) is believed only on
/// requests that also carry `X-Attest-Proxy-Secret` equal to the shared secret, which only the proxy knows.
public struct TrustedProxyHeader: Sendable {
    /// The header that carries the signed-in person's email.
    public var headerName: HTTPField.Name
    /// SHA-256 of the secret: compared in constant time, and the secret itself is not kept.
    let secretDigest: [UInt8]

    /// The header the proxy adds with the shared secret.
    public static let secretHeaderName = HTTPField.Name("X-Attest-Proxy-Secret")!

    public init(headerName: String, secret: String) throws(ServerSetupError) {
        guard let name = HTTPField.Name(headerName) else {
            throw .badOption("'\(headerName)' is not a valid header name")
        }
        let secret = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard secret.utf8.count >= 16 else {
            throw .badProxySecret("the proxy secret must have at least 16 characters")
        }
        self.headerName = name
        secretDigest = Array(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Reads the secret from `secretFile` (surrounding whitespace trimmed).
    public static func load(headerName: String, secretFile: String) throws(ServerSetupError) -> TrustedProxyHeader {
        guard let data = FileManager.default.contents(atPath: secretFile) else {
            throw .badProxySecret("cannot read the proxy secret file \(secretFile)")
        }
        do throws(ServerSetupError) {
            return try TrustedProxyHeader(headerName: headerName, secret: String(decoding: data, as: UTF8.self))
        } catch {
            if case .badProxySecret(let message) = error { throw .badProxySecret("\(secretFile): \(message)") }
            throw error
        }
    }

    /// Whether `presented` is the secret. Both sides are hashed first, so the comparison takes the same
    /// time whatever the input and leaks nothing about the secret's length.
    func accepts(_ presented: String) -> Bool {
        let digest = Array(SHA256.hash(data: Array(presented.utf8)))
        var difference: UInt8 = 0
        for (a, b) in zip(digest, secretDigest) { difference |= a ^ b }
        return difference == 0 && digest.count == secretDigest.count
    }
}
