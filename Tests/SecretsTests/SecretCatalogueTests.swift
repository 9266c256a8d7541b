import Testing

@testable import Secrets

@Suite struct SecretCatalogueTests {
    static let live = "sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZ4f2a"
    static let restricted = "rk_live_" + "51HqLyjWDarjtT1zdp7dcQRS9b3c"
    static let aws = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"

    func ruleIDs(_ text: String, catalogue: SecretCatalogue = .builtIn) -> [String] {
        var copy = text
        return copy.withUTF8 { buffer in catalogue.matches(in: buffer).map { catalogue.rules[$0.ruleIndex].id } }
    }

    @Test(arguments: [
        "vault/\(live)", "STRIPE=\(live)", "prefix_\(live)_suffix", "\"\(live)\"", "[\(live)]", "x\(live)",
        "https://example.com/?key=\(live)&a=1", "{\"key\":\"\(live)\"}", "old-\(live)", "key:\(live)",
        "'\(live)'", "(\(live))", "<\(live)>", "\(live),", "a\(live)b", "STRIPE_KEY:\(live);",
    ])
    func findsAPrefixWhereverItStands(_ text: String) {
        #expect(ruleIDs(text) == ["stripe-secret-live"], "\(text)")
        let redacted = SecretRedactor.standard.redact(text).text
        // The last four of the body: a letter glued after it (`a…b`) is part of the body.
        #expect(redacted.contains("sk_live_…4f2a") || redacted.contains("sk_live_…f2ab"), "\(text)")
        #expect(!redacted.contains("51HqLyjWDarjtT1zdp7dcXYZ"), "\(text)")
    }

    @Test func redactsEveryShapeToPrefixAndLastFour() {
        let redactor = SecretRedactor.standard
        #expect(redactor.redact("xrk_live_51HqLyjWDarjtT1zdp7dcQRS9b3c").text == "xrk_live_…9b3c")
        #expect(
            redactor.redact("prefix_sk_test_51HqLyjWDarjtT1zdp7dcXYZ4f2a_suffix").text == "prefix_sk_test_…4f2a_suffix")
        #expect(redactor.redact("vault/\(Self.aws)").text == "vault/…EKEY")
        #expect(redactor.redact("\(Self.aws)/rest").text == "…EKEY/rest")
        #expect(redactor.redact("AWS=\(Self.aws)").text == "AWS=…EKEY")
        #expect(redactor.redact("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLSYe").text == "whsec_…LSYe")
    }

    @Test func keepsIdentifiersAndPublicKeys() {
        for text in [
            "AKIAIOSFODNN7EXAMPLE", "pk_live_51HqLyjWDarjtT1zdp7dcXYZ4f2a", "sk_live_…4f2a", "sk_live_short",
            "0123456789abcdef0123456789abcdef01234567", "key_prod_payments_service_primary_00001",
        ] {
            #expect(SecretRedactor.standard.redact(text).redacted == false, "\(text)")
        }
        #expect(ruleIDs("AKIAIOSFODNN7EXAMPLE") == ["aws-access-key-id"])
        #expect(ruleIDs("pk_live_51HqLyjWDarjtT1zdp7dcXYZ4f2a") == ["stripe-publishable-live"])
    }

    @Test func placeholdersAreNotPlausible() {
        let catalogue = SecretCatalogue.builtIn
        func plausible(_ text: String) -> [Bool] {
            var copy = text
            return copy.withUTF8 { buffer in catalogue.matches(in: buffer).map { catalogue.isPlausible($0, in: buffer) }
            }
        }
        #expect(plausible(Self.live) == [true])
        #expect(plausible("sk_live_xxxxxxxxxxxxxxxxxxxxxxxx") == [false])
        #expect(plausible("sk_live_YOURSECRETKEYGOESHERE123") == [false])
        #expect(plausible("sk_live_abababababababababababab") == [false])
        // An AWS secret needs a keyword or an access key id beside it.
        let bare = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ9mKe7Lp2"
        #expect(plausible("value \(bare)") == [false])
        #expect(plausible("aws_secret_access_key = \(bare)") == [true])
        // The id is AWS's documented example: a placeholder.
        #expect(plausible("id: AKIAIOSFODNN7EXAMPLE\nsecret: \(bare)") == [false, true])
    }

    @Test func matchesDoNotOverlap() {
        let text = "sk_live_51HqLyjWDarjtT1zdp7dcXYZ4f2a rk_live_51HqLyjWDarjtT1zdp7dcQRS9b3c"
        #expect(ruleIDs(text) == ["stripe-secret-live", "stripe-restricted-live"])
    }

    @Test func customRulesJoinTheCatalogue() {
        let custom = SecretRule(
            id: "acme-token", title: "Acme token", severity: .high, prefix: "acme_", alphabet: ByteSet("a-f0-9"),
            length: 32...32)
        let catalogue = SecretCatalogue(rules: SecretCatalogue.builtInRules + [custom])
        let token = "acme_0123456789abcdef0123456789abcdef"
        #expect(ruleIDs("TOKEN=\(token)", catalogue: catalogue) == ["acme-token"])
        #expect(SecretRedactor(catalogue: catalogue).redact("TOKEN=\(token)").text == "TOKEN=acme_…cdef")
    }
}
