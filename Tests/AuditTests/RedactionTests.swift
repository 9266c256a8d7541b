import Foundation
import HandbookContent
import Testing

@testable import Audit

/// Values that look like secrets are redacted where the inventory is read, with a warning that
/// never quotes them. (The full corpus: RedactionCorpusTests.)
@Suite struct RedactionTests {
    typealias F = AuditFixtures

    static let stripe = "sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZ4f2a"
    static let webhook = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSYe"
    static let github = "ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a"
    static let aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"

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
