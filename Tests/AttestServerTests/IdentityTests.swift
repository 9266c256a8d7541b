import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AttestServer

@Suite struct IdentityTests {
    @Test func proxyHeaderWithTheRightSecretIdentifies() async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(
                uri: "/api/v1/me", method: .get, headers: ServerFixture.proxyHeaders("Bob@Example.com"))
            #expect(response.status == .ok)
            #expect(try ServerFixture.json(response)["person"] as? String == "bob@example.com")
        }
    }

    @Test func proxyHeaderWithAWrongSecretIs401() async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(
                uri: "/api/v1/me", method: .get,
                headers: ServerFixture.proxyHeaders("bob@example.com", secret: "not-the-secret-at-all"))
            #expect(response.status == .unauthorized)
            #expect(
                try ServerFixture.json(response)["error"] as? String
                    == "The proxy secret (X-Attest-Proxy-Secret) is not valid.")
        }
    }

    @Test func proxyHeaderWithoutTheSecretIs401() async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(
                uri: "/me/", method: .get, headers: [HTTPField.Name("X-Forwarded-Email")!: "alice@example.com"])
            #expect(response.status == .unauthorized)
            #expect(String(buffer: response.body).contains("only honoured from the single-sign-on proxy"))
        }
    }

    @Test func noIdentityConfiguredExplainsTheOptions() async throws {
        let fixture = try ServerFixture(identity: .none)
        try await fixture.test { client in
            let response = try await ServerFixture.postJSON(
                client, #"{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "c"]}}"#,
                headers: [HTTPField.Name("X-Forwarded-Email")!: "alice@example.com"])
            #expect(response.status == .unauthorized)
            let message = try #require(try ServerFixture.json(response)["error"] as? String)
            #expect(message.contains("attest training invite EMAIL"))
            #expect(message.contains("--trusted-header"))
            #expect(message.contains("--dev-identity"))
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func devIdentityOnlyWhenGiven() async throws {
        try await ServerFixture(identity: .dev("Alice@example.com")).test { client in
            let response = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(response.status == .ok)
            #expect(try ServerFixture.json(response)["person"] as? String == "alice@example.com")
        }
        try await ServerFixture(identity: .none).test { client in
            let response = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(response.status == .unauthorized)
        }
    }

    @Test(arguments: [
        ("dave@example.com", "is not in the roster"), ("carol@example.com", "is not active"),
    ])
    func peopleMissingOrInactiveAre403(_ email: String, _ message: String) async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let headers = ServerFixture.proxyHeaders(email)
            let response = try await ServerFixture.postJSON(
                client, #"{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "c"]}}"#, headers: headers)
            #expect(response.status == .forbidden)
            #expect((try ServerFixture.json(response)["error"] as? String)?.contains(message) == true)
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    /// The path of a fresh 7-day invitation link for bob, signed with `fixture`'s key.
    static func invitationPath(_ fixture: ServerFixture) throws -> String {
        let link = try InvitationLink.make(
            email: "bob@example.com", validForDays: 7, baseURL: "http://x", key: fixture.key, now: ServerFixture.now)
        return String(link.dropFirst("http://x".count))
    }

    /// Opens `path` (an invitation link) and posts its sign-in form as the page's browser would.
    static func signIn(_ client: any TestClientProtocol, _ path: String) async throws -> TestResponse {
        let page = try await client.execute(uri: path, method: .get)
        #expect(page.status == .ok)
        let html = String(buffer: page.body)
        let setCookie = try #require(page.headers[.setCookie])
        #expect(setCookie.hasPrefix("attest_invite_check="))
        #expect(setCookie.contains("SameSite=Strict"))
        #expect(setCookie.contains("HttpOnly"))
        return try await postInvitationForm(client, html: html, cookie: String(setCookie.prefix { $0 != ";" }))
    }

    /// Posts the sign-in form of the invitation page `html`, with `cookie`.
    static func postInvitationForm(_ client: any TestClientProtocol, html: String, cookie: String?) async throws
        -> TestResponse
    {
        func hidden(_ name: String) throws -> String {
            let marker = "name=\"\(name)\" value=\""
            let start = try #require(html.range(of: marker)).upperBound
            return String(html[start...].prefix { $0 != "\"" })
        }
        let body = "token=\(try hidden("token"))&check=\(try hidden("check"))"
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: "/invite", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func validInvitationOpensASession() async throws {
        let fixture = try ServerFixture(identity: .none)
        let link = try InvitationLink.make(
            email: "bob@example.com", validForDays: 7, baseURL: "https://handbook.example.com/", key: fixture.key,
            now: ServerFixture.now)
        #expect(link.hasPrefix("https://handbook.example.com/invite?token="))
        let path = String(link.dropFirst("https://handbook.example.com".count))
        try await fixture.test { client in
            // Opening the link shows who it signs in; it signs in nobody yet.
            let page = try await client.execute(uri: path, method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Sign in as bob@example.com"))
            #expect(page.headers[.setCookie]?.hasPrefix("attest_session=") != true)

            let response = try await Self.signIn(client, path)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/me/")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.hasPrefix("attest_session="))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(setCookie.contains("Path=/"))
            #expect(setCookie.contains("Secure"))
            let cookie = String(setCookie.prefix { $0 != ";" })

            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.cookie: cookie])
            #expect(me.status == .ok)
            #expect(try ServerFixture.json(me)["person"] as? String == "bob@example.com")

            // The session works for the form too: its token is bound to this session.
            let token = try await ServerFixture.formToken(client, headers: [.cookie: cookie])
            let posted = try await ServerFixture.postForm(
                client, "q1=b&q2=a&q2=c&csrf_token=\(token)", headers: [.cookie: cookie])
            #expect(posted.status == .created)
        }
        #expect(await fixture.store.stored.map(\.identitySource) == ["invitation"])
    }

    @Test func anInvitationSignsInOnce() async throws {
        let fixture = try ServerFixture(identity: .none)
        let path = try Self.invitationPath(fixture)
        try await fixture.test { client in
            #expect(try await Self.signIn(client, path).status == .seeOther)
            // The page still opens (a mail scanner may have fetched it), but signing in again is refused.
            let again = try await Self.signIn(client, path)
            #expect(again.status == .unauthorized)
            #expect(String(buffer: again.body).contains("already used"))
            #expect(again.headers[.setCookie] == nil)
        }
    }

    @Test func theSignInFormNeedsTheCookieOfItsPage() async throws {
        let fixture = try ServerFixture(identity: .none)
        let path = try Self.invitationPath(fixture)
        try await fixture.test { client in
            let page = try await client.execute(uri: path, method: .get)
            let html = String(buffer: page.body)
            // Posted from another site's page (which cannot set this server's cookie): refused, and the
            // link stays unused.
            for cookie in [nil, "attest_invite_check=forged"] {
                let refused = try await Self.postInvitationForm(client, html: html, cookie: cookie)
                #expect(refused.status == .forbidden)
                #expect(refused.headers[.setCookie] == nil)
            }
            #expect(try await Self.signIn(client, path).status == .seeOther)
        }
    }

    @Test func expiredInvitationIsRefused() async throws {
        let fixture = try ServerFixture(identity: .none)
        let link = try InvitationLink.make(
            email: "bob@example.com", validForDays: 1, baseURL: "http://x", key: fixture.key,
            now: ServerFixture.now.addingTimeInterval(-2 * 86_400))
        try await fixture.test { client in
            let response = try await client.execute(uri: String(link.dropFirst("http://x".count)), method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.setCookie] == nil)
            #expect(String(buffer: response.body).contains("has expired"))
        }
    }

    @Test func tamperedInvitationIsRefused() async throws {
        let fixture = try ServerFixture(identity: .none)
        let link = try InvitationLink.make(
            email: "bob@example.com", validForDays: 7, baseURL: "http://x", key: fixture.key, now: ServerFixture.now)
        let token = String(link.split(separator: "=", maxSplits: 1)[1])
        let parts = token.split(separator: ".")
        // Re-sign nothing: swap in a payload naming someone else.
        let forged = SignedToken(purpose: .invitation, subject: "alice@example.com", expires: 9_999_999_999, nonce: "n")
            .encoded(with: ServerSigningKey.random()).split(separator: ".")[0]
        let otherKeyLink = try InvitationLink.make(
            email: "bob@example.com", validForDays: 7, baseURL: "http://x", key: ServerSigningKey.random(),
            now: ServerFixture.now)
        try await fixture.test { client in
            for uri in [
                "/invite?token=\(forged).\(parts[1])", String(otherKeyLink.dropFirst("http://x".count)),
                "/invite?token=garbage", "/invite",
            ] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .unauthorized || response.status == .badRequest, "\(uri)")
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test func sessionCookieCannotBeForgedFromAnotherKindOfToken() async throws {
        let fixture = try ServerFixture(identity: .none)
        // An invitation token is validly signed but is not a session.
        let invitation = SignedToken(
            purpose: .invitation, subject: "bob@example.com", expires: 9_999_999_999, nonce: "n"
        )
        .encoded(with: fixture.key)
        try await fixture.test { client in
            let response = try await client.execute(
                uri: "/api/v1/me", method: .get, headers: [.cookie: "attest_session=\(invitation)"])
            #expect(response.status == .unauthorized)
        }
    }

    @Test func invitationForAnInactivePersonIs403() async throws {
        let fixture = try ServerFixture(identity: .none)
        let link = try InvitationLink.make(
            email: "carol@example.com", validForDays: 7, baseURL: "http://x", key: fixture.key, now: ServerFixture.now)
        try await fixture.test { client in
            let response = try await client.execute(uri: String(link.dropFirst("http://x".count)), method: .get)
            #expect(response.status == .forbidden)
        }
    }

    @Test func signingKeyFileIsCreatedPrivateAndReused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = ServerSigningKey.defaultPath(
            forRecords: folder.appendingPathComponent(".attest/records.sqlite").path)
        #expect(path.hasSuffix(".attest/server.key"))
        let first = try ServerSigningKey.loadOrCreate(at: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let second = try ServerSigningKey.loadOrCreate(at: path)
        let link = try InvitationLink.make(email: "a@b.c", validForDays: 1, baseURL: "http://x", key: first)
        let token = String(link.split(separator: "=", maxSplits: 1)[1])
        #expect(throws: Never.self) {
            try SignedToken.decode(token, purpose: .invitation, key: second, now: Date()).get()
        }
        try Data("not a key".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ServerSetupError.self) { try ServerSigningKey.loadOrCreate(at: path) }
    }

    @Test func shortProxySecretIsRefused() {
        #expect(throws: ServerSetupError.self) {
            try TrustedProxyHeader(headerName: "X-Forwarded-Email", secret: " short \n")
        }
    }

    @Test func proxySecretFileIsTrimmedAndCompared() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attest-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("  \(ServerFixture.proxySecret)\n".utf8).write(to: file)
        let header = try TrustedProxyHeader.load(headerName: "X-Forwarded-Email", secretFile: file.path)
        #expect(header.headerName.rawName == "X-Forwarded-Email")
        #expect(header.accepts(ServerFixture.proxySecret))
        #expect(!header.accepts(ServerFixture.proxySecret + " "))
        #expect(!header.accepts(""))
        #expect(throws: ServerSetupError.self) {
            try TrustedProxyHeader.load(headerName: "X-Forwarded-Email", secretFile: file.path + ".missing")
        }
    }

    @Test func invitationLinksRefuseBadInput() {
        let key = ServerSigningKey.random()
        #expect(throws: ServerSetupError.self) {
            try InvitationLink.make(email: "not an email", validForDays: 7, baseURL: "http://x", key: key)
        }
        #expect(throws: ServerSetupError.self) {
            try InvitationLink.make(email: "a@b.c", validForDays: 0, baseURL: "http://x", key: key)
        }
    }
}

/// No way round the identity rules: a dev identity only alone and only on loopback.
@Suite struct DevIdentityRefusalTests {
    @Test(arguments: [
        "127.0.0.1", "127.0.0.53", "127.255.255.254", "localhost", "LocalHost", "::1", "[::1]", "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1",
    ])
    func loopbackAddressesAreLoopback(_ host: String) {
        #expect(ServerSettings.isLoopback(host))
    }

    @Test(arguments: [
        "0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "128.0.0.1", "126.255.255.255", "example.com",
        "localhost.example.com", "127.0.0.1.nip.io", "127.1", "::2", "::ffff:10.0.0.1", "", " 127.0.0.1",
    ])
    func otherHostsAreNot(_ host: String) {
        #expect(!ServerSettings.isLoopback(host))
    }

    @Test func devIdentityWithATrustedProxyIsRefused() throws {
        #expect(throws: ServerSetupError.self) {
            try IdentityConfiguration.check(devIdentity: "alice@example.com", trustedProxy: true, host: "127.0.0.1")
        }
        var identity = IdentityConfiguration(devIdentity: "alice@example.com", signingKey: .random())
        identity.trustedProxy = try TrustedProxyHeader(
            headerName: "X-Forwarded-Email", secret: ServerFixture.proxySecret)
        do {
            _ = try AttestServer(
                site: StaticSite(files: [:]), handbook: ServerFixture.handbook, roster: ServerFixture.roster,
                store: InMemoryRecordStore(), identity: identity)
            Issue.record("a server with a dev identity and a trusted proxy was made")
        } catch {
            #expect(error.description.contains("--dev-identity cannot be combined with --trusted-header"))
        }
    }

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.10", "handbook.example.com"])
    func devIdentityOffLoopbackIsRefused(_ host: String) {
        let identity = IdentityConfiguration(devIdentity: "alice@example.com", signingKey: .random())
        do {
            _ = try AttestServer(
                site: StaticSite(files: [:]), handbook: ServerFixture.handbook, roster: ServerFixture.roster,
                store: InMemoryRecordStore(), identity: identity, settings: ServerSettings(host: host))
            Issue.record("a server with a dev identity on \(host) was made")
        } catch {
            #expect(error.description.contains("only listens on a loopback address"))
            #expect(error.description.contains("'\(host)'"))
        }
    }

    @Test func devIdentityAloneOnLoopbackAndAProxyOffLoopbackAreFine() throws {
        try IdentityConfiguration.check(devIdentity: "alice@example.com", trustedProxy: false, host: "localhost")
        try IdentityConfiguration.check(devIdentity: "alice@example.com", trustedProxy: false, host: "::1")
        try IdentityConfiguration.check(devIdentity: nil, trustedProxy: true, host: "0.0.0.0")
        try IdentityConfiguration.check(devIdentity: nil, trustedProxy: false, host: "0.0.0.0")
    }
}
