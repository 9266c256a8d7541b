import Testing

@testable import HandbookContent

@Suite struct EmailAddressTests {
    @Test(arguments: [
        "ana@example.com", "a.b+tag@mail.example.co.uk", "x@y.z", "élodie@exemple.fr", "名前@例え.jp",
    ])
    func plausibleAddressesPass(_ address: String) {
        #expect(EmailAddress.isValid(address))
    }

    @Test(arguments: [
        "", "ana", "@example.com", "ana@", "ana@example", "ana@.example.com", "ana@example.com.",
        "ana@@example.com", "a@b@example.com", "ana @example.com", "ana@exa\tmple.com", "ana@example.com\n",
        "<ana@example.com>", "ana@example.com,bo@example.com", "ana@example.com;", "élodie @exemple.fr",
        "ana\u{00A0}@example.com", "ana@exemple\u{2003}.fr",
    ])
    func implausibleAddressesFail(_ address: String) {
        #expect(!EmailAddress.isValid(address))
    }
}
