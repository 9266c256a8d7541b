import Secrets
import Foundation
import HandbookContent
import Testing

@testable import Audit

@Suite struct RedactionTests {
    /// The row pre-scan probes every 20th byte: it must agree with a plain scan for every run length
    /// and position, whatever surrounds the run.
    @Test func longTokenScanAgreesWithAPlainScan() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9_-+/=".utf8) + Array(" ,;:@.\"\n".utf8)
        func plain(_ bytes: [UInt8]) -> Bool {
            var run = 0
            for byte in bytes {
                let scalar = Unicode.Scalar(byte)
                let token =
                    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_-+/=".unicodeScalars.contains(scalar)
                run = byte < 0x80 && token ? run + 1 : 0
                if run >= SecretRedactor.shortestSecret { return true }
            }
            return false
        }
        for length in 0..<90 {
            for runLength in [0, 1, 18, 19, 20, 21, 40] where runLength <= length {
                for start in Set([0, length - runLength, Int.random(in: 0...(length - runLength), using: &generator)]) {
                    var bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                    for index in start..<(start + runLength) { bytes[index] = UInt8(ascii: "k") }
                    if start > 0 { bytes[start - 1] = UInt8(ascii: ",") }
                    if start + runLength < length { bytes[start + runLength] = UInt8(ascii: ",") }
                    let fast = bytes.withUnsafeBufferPointer { SecretRedactor.hasLongToken($0) }
                    #expect(fast == plain(bytes), "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
    }

    typealias F = AuditFixtures

    static let stripe = "sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZ4f2a"
    static let webhook = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSYe"
    static let github = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a"
    static let aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"

    @Test func redactsToPrefixAndLastFour() {
        #expect(SecretRedactor.redact(Self.stripe).text == "sk_live_…4f2a")
        #expect(SecretRedactor.redact("rotate \(Self.webhook) today").text == "rotate whsec_…LSYe today")
        #expect(SecretRedactor.redact(Self.github).text == "ghp_…8B4a")
        #expect(SecretRedactor.redact(Self.aws).text == "…EKEY")
    }

    @Test func leavesIdentifiersAlone() {
        for text in [
            "AKIAIOSFODNN7EXAMPLE", "pk_live_51HqLyjWDarjtT1zdp7dcXYZ4f2a", "sk_live_…4f2a", "sk_live_short",
            "0123456789abcdef0123456789abcdef01234567", "key_prod_payments_service_primary_00001", "alice@example.com",
        ] {
            #expect(SecretRedactor.redact(text).redacted == false, "\(text)")
        }
    }

    @Test func noFullSecretInAnyReport() throws {
        let csv = """
            id,name,type,mode,owner,storage,notes
            \(Self.stripe),checkout,secret,live,alice@example.com,plaintext,\(Self.aws)
            pay-2,\(Self.github),secret,live,,\(Self.webhook),ok

            """
        let policies = [
            F.policy(controls: [
                F.control("KEY-OWNER", "owner-assigned"),
                F.control("KEY-STORAGE", "approved-storage", ["allowed": .list(["kms"])]),
                F.control("KEY-ALLOW", "ip-allowlist"),
            ])
        ]
        let outcome = F.run([("keys.csv", csv)], policies: policies)
        let report = try #require(outcome.report)
        let warnings = outcome.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 4)
        #expect(
            warnings.first?.description.hasPrefix(
                "keys.csv:2:1: warning: column 'id' holds what looks like a secret value") == true)
        let key = report.controls.first { $0.id == "KEY-STORAGE" }?.findings.first
        #expect(key?.subject == "sk_live_…4f2a")
        for format in ReportFormat.allCases {
            let text = format.writer.render(report)
            for secret in [Self.stripe, Self.webhook, Self.github, Self.aws] {
                #expect(!text.contains(secret), "\(format) holds a secret")
                #expect(!text.contains(String(secret.dropLast(4))), "\(format) holds most of a secret")
            }
            for diagnostic in outcome.diagnostics { #expect(!diagnostic.description.contains(Self.stripe)) }
        }
        #expect(ReportFormat.json.writer.render(report).contains("sk_live_…4f2a"))
    }
}
