import Testing

@testable import Secrets

@Suite struct SecretRedactorTests {
    static let live = "sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZ4f2a"
    static let other = "sk_live_" + "9ZkQpLmN3xYwVb7TrE2sDf8GhJ4k"
    static let aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
    static let aws2 = "Zk3pQ8rT1vX6yB2nM9cF4hJ7wL0sD5gA" + "ZXCVbn12"

    func redacted(_ text: String, _ redactor: SecretRedactor = .standard) -> String { redactor.redact(text).text }

    @Test func redactsToPrefixAndLastFour() {
        #expect(redacted(Self.live) == "sk_live_…4f2a")
        #expect(redacted("rotate whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSYe today") == "rotate whsec_…LSYe today")
        #expect(redacted("ghp_16C7e42F292c6912E7710c838347Ae178B4a") == "ghp_…8B4a")
        #expect(redacted(Self.aws) == "…EKEY")
    }

    @Test func leavesIdentifiersAlone() {
        for text in [
            "AKIAIOSFODNN7EXAMPLE", "pk_live_51HqLyjWDarjtT1zdp7dcXYZ4f2a", "sk_live_…4f2a", "sk_live_short",
            "0123456789abcdef0123456789abcdef01234567", "key_prod_payments_service_primary_00001", "alice@example.com",
            "vault/secret/data/payments/stripe/live/primary", "2026-11-27T12:00:00Z",
        ] {
            #expect(SecretRedactor.standard.redact(text).redacted == false, "\(text)")
        }
    }

    /// Where the scanner's exact shapes stop, redaction goes on: it hides more rather than less.
    @Test func coversWhatTheScannerLeavesOut() {
        // An AWS secret after a letter: the run is 41 long, no exact match, covered whole.
        #expect(redacted("x\(Self.aws)") == "…EKEY")
        #expect(redacted("\(Self.aws)x") == "…KEYx")
        #expect(redacted("a\(Self.aws)b") == "…KEYb")
        // Two secrets end to end: the second prefix inside the first body is found, both hidden.
        #expect(redacted(Self.live + Self.other) == "sk_live_…hJ4k")
        #expect(redacted(Self.aws + Self.aws2) == "…bn12")  // one run of 80: covered whole
        // A key glued to a longer run after a separator: the part that fits and the rest.
        #expect(redacted("\(Self.aws2)x/\(Self.aws)") == "…12x/…EKEY")
        #expect(redacted("vault/\(Self.aws)") == "vault/…EKEY")
        // A body longer than its rule allows (Stripe's bodies reach 247) is hidden whole.
        let long = "sk_live_" + String(repeating: "aB3", count: 100)
        #expect(redacted(long) == "sk_live_…3aB3")
        // The scanner sees none of these as a secret of exactly its shape.
        let catalogue = SecretCatalogue.builtIn
        for text in ["x\(Self.aws)", long] {
            var copy = text
            #expect(copy.withUTF8 { catalogue.matches(in: $0, secretsOnly: true) }.isEmpty, "\(text)")
            #expect(SecretRedactor.standard.containsSecret(text), "\(text)")
        }
    }

    @Test func aCustomRuleOfFixedLengthIsCoveredWhenItsRunIsLonger() {
        let rule = SecretRule(
            id: "acme-token", title: "Acme token", severity: .high, prefix: "acme_", alphabet: ByteSet("a-f0-9"),
            length: 32...32)
        let redactor = SecretRedactor(catalogue: SecretCatalogue(rules: SecretCatalogue.builtInRules + [rule]))
        let token = "acme_0123456789abcdef0123456789abcdef"
        #expect(redacted("TOKEN=\(token)", redactor) == "TOKEN=acme_…cdef")
        #expect(redacted("\(token)b", redactor) == "acme_…defb")
        #expect(redacted("\(token)\(token)", redactor) == "acme_…cdef")
        #expect(redacted(token) == token, "the built-in catalogue does not know the rule")
    }

    @Test func aShortBodyShowsAtMostAQuarter() {
        let rule = SecretRule(
            id: "short", title: "Short", severity: .high, prefix: "tok_", alphabet: .alphanumeric, length: 8...8)
        let redactor = SecretRedactor(catalogue: SecretCatalogue(rules: [rule]))
        // 4 + 8 = 12 bytes: below the built-in shortest secret, so the catalogue's own count is used.
        #expect(redactor.shortestSecret == 12)
        #expect(redacted("tok_abcdefgh", redactor) == "tok_…gh")
    }

    /// The row pre-scan probes one byte in every `shortestSecret`: it must agree with a plain scan for
    /// every run length and position, whatever surrounds the run.
    @Test func longTokenScanAgreesWithAPlainScan() {
        let redactor = SecretRedactor.standard
        let tokens = redactor.catalogue.tokenBytes
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9_-+/=".utf8) + Array(" ,;:@.\"\n".utf8)
        func plain(_ bytes: [UInt8]) -> Bool {
            var run = 0
            for byte in bytes {
                run = tokens.contains(byte) ? run + 1 : 0
                if run >= redactor.shortestSecret { return true }
            }
            return false
        }
        let shortest = redactor.shortestSecret
        for length in 0..<90 {
            for runLength in [0, 1, shortest - 2, shortest - 1, shortest, shortest + 1, 40] where runLength <= length {
                for start in Set([0, length - runLength, Int.random(in: 0...(length - runLength), using: &generator)]) {
                    var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                    for index in start..<(start + runLength) { bytes[index] = UInt8(ascii: "k") }
                    if start > 0 { bytes[start - 1] = UInt8(ascii: ",") }
                    if start + runLength < length { bytes[start + runLength] = UInt8(ascii: ",") }
                    let fast = bytes.withUnsafeBufferPointer { redactor.hasLongToken($0) }
                    #expect(fast == plain(bytes), "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
    }
}
