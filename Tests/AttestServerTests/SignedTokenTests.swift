import Foundation
import Testing

@testable import AttestServer

@Suite struct SignedTokenTests {
    let key = ServerSigningKey.random()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func roundTripsAndChecksPurposeExpiryAndSignature() {
        let token = SignedToken(purpose: .session, subject: "Bob@Example.com", expires: 1_790_000_100, nonce: "n1")
        let text = token.encoded(with: key)
        #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
        #expect(SignedToken.decode(text, purpose: .session, key: key, now: now) == .success(token))
        #expect(token.subject == "bob@example.com")
        #expect(SignedToken.decode(text, purpose: .formToken, key: key, now: now) == .failure(.wrongPurpose))
        #expect(
            SignedToken.decode(text, purpose: .session, key: key, now: now.addingTimeInterval(100))
                == .failure(.expired))
        #expect(SignedToken.decode(text, purpose: .session, key: .random(), now: now) == .failure(.badSignature))
        #expect(SignedToken.decode("abc", purpose: .session, key: key, now: now) == .failure(.malformed))
        #expect(SignedToken.decode("a.b.c", purpose: .session, key: key, now: now) == .failure(.malformed))
    }

    @Test func formFieldsDecodeRepeatsPlusAndPercent() throws {
        let fields = try #require(FormFields(parsing: "q2=a&q2=c&name=J%C3%BCrgen+X&empty=&flag"))
        #expect(fields.values("q2") == ["a", "c"])
        #expect(fields.first("name") == "Jürgen X")
        #expect(fields.first("empty") == "")
        #expect(fields.first("flag") == "")
        #expect(FormFields(parsing: "a=%ZZ") == nil)
    }

    @Test(arguments: [
        ("/", "", true), ("/a/b/", "a/b", true), ("/a/b.css", "a/b.css", false), ("/a%20b/", "a b", true),
    ])
    func sitePathsParse(_ raw: String, _ relative: String, _ isFolder: Bool) {
        #expect(SitePath.parse(raw) == .success(SitePath(relative: relative, isFolder: isFolder)))
    }

    @Test(arguments: ["/..", "/a/../b", "/%2E%2e/x", "/a/./b", "/a//b"])
    func sitePathsRefuseTraversal(_ raw: String) {
        #expect(SitePath.parse(raw) == .failure(.traversal))
    }

    @Test func contentTypes() {
        #expect(StaticFile.contentType(forPath: "a/index.html") == "text/html; charset=utf-8")
        #expect(StaticFile.contentType(forPath: "static/app.JS") == "text/javascript; charset=utf-8")
        #expect(StaticFile.contentType(forPath: "static/logo.svg") == "image/svg+xml")
        #expect(StaticFile.contentType(forPath: "Makefile") == "application/octet-stream")
    }
}
