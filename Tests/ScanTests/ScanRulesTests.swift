import HandbookContent
import Secrets
import Testing

@testable import Scan

@Suite struct ScanRulesTests {
    @Test func customRulesJoinTheBuiltInCatalogue() throws {
        let (catalogue, diagnostics) = ScanRules.catalogue(
            text: """
                rules:
                  - id: acme-token
                    title: Acme API token
                    severity: high
                    prefix: acme_
                    alphabet: a-f0-9
                    min_length: 32
                    min_entropy: 3.0
                """, path: "content/scan-rules.yml")
        #expect(diagnostics.isEmpty)
        let scanner = ContentScanner(catalogue: try #require(catalogue))
        let token = "acme_" + "3f9a0c17be24d5866e1b7a9c0d2f4e51"
        var text = "ACME=\(token)\nACME=acme_00000000000000000000000000000000\n"
        let hits = text.withUTF8 { scanner.hits(in: $0) }
        #expect(hits.map(\.redacted) == ["acme_…4e51"])
        #expect(SecretRedactor(catalogue: catalogue!).redact("x \(token)").text == "x acme_…4e51")
    }

    @Test func malformedRuleFilesAreLocatedErrors() {
        func errors(_ text: String) -> [String] {
            let (catalogue, diagnostics) = ScanRules.catalogue(text: text, path: "content/scan-rules.yml")
            #expect(catalogue == nil)
            return diagnostics.filter { $0.severity == .error }.map(\.description)
        }
        #expect(
            errors(
                "rules:\n  - id: Bad Id\n    title: t\n    severity: urgent\n    prefix: ab\n    alphabet: a-z\n    min_length: 4\n"
            )
                == [
                    "content/scan-rules.yml:2:9: error: 'id' must be lower case letters, digits and '-', got 'Bad Id'",
                    "content/scan-rules.yml:4:15: error: 'severity' must be one of info, low, medium, high, got 'urgent'",
                    "content/scan-rules.yml:5:13: error: 'prefix' must be at least 3 printable ASCII characters without spaces, got 'ab'",
                    "content/scan-rules.yml:7:17: error: 'min_length' must be between 8 and 1024, got 4",
                ])
        #expect(
            errors(
                "rules:\n  - id: stripe-secret-live\n    title: t\n    severity: high\n    prefix: abc_\n    alphabet: a-z\n    min_length: 8\n"
            )
                == [
                    "content/scan-rules.yml:2:9: error: rule id 'stripe-secret-live' is a built-in rule's; choose another"
                ])
        #expect(errors("rules: [\n").first?.hasPrefix("content/scan-rules.yml:") == true)
        #expect(
            errors("rules:\n  - id: x-y\n    titel: t\n")
                .contains(
                    "content/scan-rules.yml:3:5: error: unknown key 'titel' in a rule; known keys: id, title, severity, prefix, alphabet, min_length, max_length, min_entropy"
                ))
    }
}
