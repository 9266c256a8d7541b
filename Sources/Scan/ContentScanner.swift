import Crypto
import Foundation
import Secrets

/// Finds the plausible secrets in a run of bytes: the catalogue's byte scan, then each match kept
/// only when ``SecretCatalogue/isPlausible(_:in:)`` says it is no placeholder and its line does not
/// carry `attest:allow` or `gitleaks:allow`. Binary files and minified bundles are bytes like any other.
public struct ContentScanner: Sendable {
    public let catalogue: SecretCatalogue
    /// The fewest bytes any rule (secret or not) can match.
    let shortestMatch: Int

    public init(catalogue: SecretCatalogue) {
        self.catalogue = catalogue
        shortestMatch = max(1, catalogue.rules.map { $0.prefix.count + $0.length.lowerBound }.min() ?? 1)
    }

    static let allowMarkers: [[UInt8]] = [Array("attest:allow".utf8), Array("gitleaks:allow".utf8)]

    /// The plausible secrets in `buffer`, in order.
    func hits(in buffer: UnsafeBufferPointer<UInt8>) -> [ContentHit] {
        guard buffer.count >= shortestMatch else { return [] }
        let matches = catalogue.matches(in: buffer)
        guard !matches.isEmpty else { return [] }
        var hits: [ContentHit] = []
        // Lines are counted incrementally: matches come in order.
        var line = 1, lineStart = 0, counted = 0
        for match in matches where catalogue.isPlausible(match, in: buffer) {
            let start = match.range.lowerBound
            while counted < start {
                if buffer[counted] == 0x0A {
                    line += 1
                    lineStart = counted + 1
                }
                counted += 1
            }
            if Self.lineIsAllowed(around: match.range, lineStart: lineStart, in: buffer) { continue }
            let rule = catalogue.rules[match.ruleIndex]
            let secret = UnsafeBufferPointer(rebasing: buffer[match.range])
            hits.append(
                ContentHit(
                    ruleIndex: match.ruleIndex, line: line, column: start - lineStart + 1,
                    sha256: Self.sha256Hex(secret), redacted: Self.redacted(secret, rule: rule, match: match)))
        }
        return hits
    }

    /// Whether the line holding `range` carries an allow marker.
    static func lineIsAllowed(around range: Range<Int>, lineStart: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = range.upperBound
        while end < buffer.count, buffer[end] != 0x0A { end += 1 }
        return allowMarkers.contains { marker in
            guard end - lineStart >= marker.count else { return false }
            var index = lineStart
            while index + marker.count <= end {
                if buffer[index] == marker[0] {
                    var offset = 1
                    while offset < marker.count, buffer[index + offset] == marker[offset] { offset += 1 }
                    if offset == marker.count { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// The secret's prefix, "…" and the last four bytes of its body (as ``SecretRedactor`` writes
    /// it); identifiers and public keys as written.
    static func redacted(_ secret: UnsafeBufferPointer<UInt8>, rule: SecretRule, match: SecretMatch) -> String {
        guard rule.isSecret else { return String(decoding: secret, as: UTF8.self) }
        let prefix = secret[0..<match.prefixLength]
        let tail = secret[max(match.prefixLength, secret.count - 4)..<secret.count]
        return String(decoding: prefix, as: UTF8.self) + "…" + String(decoding: tail, as: UTF8.self)
    }

    /// SHA-256 of `bytes`, lower-case hex: how a secret is named without being written.
    public static func sha256Hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let digest = SHA256.hash(data: bytes)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        let digits = Array("0123456789abcdef".utf8)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// SHA-256 of `text`'s UTF-8 bytes, lower-case hex.
    public static func sha256Hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { sha256Hex($0) }
    }
}
