import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import HummingbirdTesting
import SiteBuilder
import Testing
import TrainingRecords

/// Read-and-accept on the server: the policy page's form, `POST /policies/ID/accept`, and "my training".
@Suite struct AcceptanceTests {
    /// Asks everyone to accept it; its page holds the marked block as `attest build` writes it.
    static let storage = Policy(
        id: "key-storage", title: "Storing <keys>", owner: "sec@example.com", version: PolicyVersion("3.1")!,
        lastReviewed: CalendarDate(year: 2026, month: 6, day: 1)!, reviewEveryDays: 365,
        sourcePath: "content/policies/keys/storage.md", sourceSHA256: String(repeating: "cd", count: 32),
        acknowledge: true)
    static let page =
        "<!doctype html><h1>Storing keys</h1>\n" + AcceptanceFormMarkup.placeholder(for: storage)
        + "\n<footer>end</footer>"

    func fixture(identity: ServerFixture.IdentityMode = .proxy) throws -> ServerFixture {
        try ServerFixture(
            identity: identity, extraPolicies: [Self.storage],
            extraFiles: ["policies/keys/storage/index.html": Array(Self.page.utf8)])
    }

    static let bob = ServerFixture.proxyHeaders("bob@example.com")

    /// The form token in the acceptance form of the page `page`.
    static func token(in page: String) -> String {
        let prefix = #"name="csrf_token" value=""#
        guard let start = page.range(of: prefix)?.upperBound, let end = page[start...].firstIndex(of: "\"") else {
            return ""
        }
        return String(page[start..<end])
    }

    static func accept(
        _ client: any TestClientProtocol, _ body: String, headers: HTTPFields = bob, policy: String = "key-storage"
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/policies/\(policy)/accept", method: .post,
            headers: ServerFixture.with(headers, "Content-Type", "application/x-www-form-urlencoded"),
            body: ByteBuffer(string: body))
    }

    @Test func aSignedInPersonAcceptsOnceAndSeesItRecorded() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let opened = try await client.execute(
                uri: "/policies/keys/storage/", method: .get, headers: Self.bob)
            #expect(opened.status == .ok)
            #expect(opened.headers[.cacheControl] == "private, no-store")
            let page = String(buffer: opened.body)
            #expect(
                page.contains(#"<form class="acceptance-form" method="post" action="/policies/key-storage/accept">"#))
            #expect(page.contains("I have read and accept version 3.1"))
            #expect(!page.contains("attest:accept"), "the marks are left out")
            #expect(page.hasSuffix("<footer>end</footer>"))
            let token = Self.token(in: page)
            #expect(!token.isEmpty)

            let accepted = try await Self.accept(client, "csrf_token=\(token)&version=3.1")
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers[.location] == "/policies/keys/storage/#attest-acceptance")
            let stored = await fixture.store.stored
            #expect(stored.count == 1)
            #expect(stored.first?.kind == .acceptance)
            #expect(stored.first?.person == "bob@example.com")
            #expect(stored.first?.acceptedPolicy?.version == "3.1")
            #expect(stored.first?.quizContentSHA256 == Self.storage.sourceSHA256)
            #expect(stored.first?.identitySource == "proxy")

            let after = String(
                buffer: try await client.execute(uri: "/policies/keys/storage/", method: .get, headers: Self.bob).body)
            #expect(after.contains("You accepted version 3.1 of this policy at 2026-09-21T12:00:00.000Z"))
            #expect(!after.contains("<form"))

            // Accepting again records nothing more.
            let again = try await Self.accept(client, "csrf_token=\(token)&version=3.1")
            #expect(again.status == .seeOther)
            #expect(await fixture.store.stored.count == 1)

            let mine = String(buffer: try await client.execute(uri: "/me/", method: .get, headers: Self.bob).body)
            #expect(mine.contains(#"Accept <a href="/policies/keys/storage/">Storing &lt;keys&gt;</a> (version 3.1)"#))
            #expect(mine.contains("<td>Storing &lt;keys&gt; (version 3.1)</td><td>–</td><td>Accepted</td>"))
            let api = try ServerFixture.json(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: Self.bob))
            let requirements = api["requirements"] as? [[String: Any]] ?? []
            let acceptance = requirements.first { $0["requirement"] as? String == "acceptance" }
            #expect(acceptance?["policy"] as? String == "key-storage")
            #expect(acceptance?["state"] as? String == "current")
        }
    }

    @Test func refusalsStoreNothingAndSayWhy() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let page = String(
                buffer: try await client.execute(uri: "/policies/keys/storage/", method: .get, headers: Self.bob).body)
            let token = Self.token(in: page)
            #expect(try await Self.accept(client, "version=3.1").status == .forbidden, "no token")
            #expect(try await Self.accept(client, "csrf_token=forged&version=3.1").status == .forbidden)
            let aliceToken = Self.token(
                in: String(
                    buffer: try await client.execute(
                        uri: "/policies/keys/storage/", method: .get,
                        headers: ServerFixture.proxyHeaders("alice@example.com")
                    ).body))
            #expect(
                try await Self.accept(client, "csrf_token=\(aliceToken)&version=3.1").status == .forbidden,
                "another person's token")
            let stale = try await Self.accept(client, "csrf_token=\(token)&version=3.0")
            #expect(stale.status == .conflict)
            #expect(String(buffer: stale.body).contains("it is now version 3.1"))
            let unknown = try await Self.accept(client, "csrf_token=\(token)&version=1", policy: "nope%3Cscript%3E")
            #expect(unknown.status == .notFound)
            #expect(!String(buffer: unknown.body).contains("<script>"))
            let noAcceptance = try await Self.accept(client, "csrf_token=\(token)&version=2.1", policy: "key-rotation")
            #expect(noAcceptance.status == .unprocessableContent)
            #expect(String(buffer: noAcceptance.body).contains("asks for no acceptance"))
            #expect(try await Self.accept(client, "csrf_token=\(token)").status == .badRequest, "no version")
            let get = try await client.execute(uri: "/policies/key-storage/accept", method: .get, headers: Self.bob)
            #expect(get.status == .methodNotAllowed)
            let signedOut = try await Self.accept(client, "csrf_token=\(token)&version=3.1", headers: [:])
            #expect(signedOut.status == .unauthorized)
            let inactive = try await Self.accept(
                client, "csrf_token=\(token)&version=3.1", headers: ServerFixture.proxyHeaders("carol@example.com"))
            #expect(inactive.status == .forbidden)
            #expect(await fixture.store.stored.isEmpty)
        }
    }

    @Test func signedOutVisitorsAreToldHowToAccept() async throws {
        let fixture = try fixture(identity: .none)
        try await fixture.test { client in
            let page = String(buffer: try await client.execute(uri: "/policies/keys/storage/", method: .get).body)
            #expect(page.contains("Sign in to accept version 3.1 of this policy"))
            #expect(!page.contains("<form"))
        }
    }

    @Test func theAdminPageCountsAcceptancesPerTeamWithAChart() async throws {
        let fixture = try fixture()
        try await fixture.test { client in
            let page = String(
                buffer: try await client.execute(uri: "/policies/keys/storage/", method: .get, headers: Self.bob).body)
            _ = try await Self.accept(client, "csrf_token=\(Self.token(in: page))&version=3.1")
            let admin = String(
                buffer: try await client.execute(
                    uri: "/admin/training/", method: .get, headers: ServerFixture.proxyHeaders("alice@example.com")
                ).body)
            #expect(admin.contains("<svg class=\"completion-chart\""))
            #expect(admin.contains("<td>accept key-storage 3.1</td>"))
            // Platform: bob's quiz (not done) and acceptance (done): 1 of 2.
            #expect(admin.contains("<tr><td>Platform</td><td>2</td><td>1</td><td>50%</td></tr>"))
            #expect(admin.contains("50% (1 of 2)"))
        }
    }

    @Test func aNewMajorVersionAsksAgain() async throws {
        var four = Self.storage
        four.version = PolicyVersion("4.0")!
        let fixture = try ServerFixture(
            extraPolicies: [four],
            extraFiles: ["policies/keys/storage/index.html": Array(Self.page.utf8)])
        _ = try await fixture.store.append(
            .acceptance(
                person: "bob@example.com", policyID: "key-storage", version: "3.1", policySHA256: "",
                identitySource: "proxy"))
        try await fixture.test { client in
            let page = String(
                buffer: try await client.execute(uri: "/policies/keys/storage/", method: .get, headers: Self.bob).body)
            #expect(page.contains("You accepted version 3.1; version 4.0 changed what this policy asks of you"))
            #expect(page.contains("I have read and accept version 4.0"))
            let before = try ServerFixture.json(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: Self.bob))
            let reopened = (before["requirements"] as? [[String: Any]] ?? []).first {
                $0["requirement"] as? String == "acceptance"
            }
            #expect(reopened?["state"] as? String == "overdue", "due 30 days after 2026-06-01; now is 2026-09-21")
            #expect(reopened?["due"] as? String == "2026-07-01")
            let accepted = try await Self.accept(client, "csrf_token=\(Self.token(in: page))&version=4.0")
            #expect(accepted.status == .seeOther)
            #expect(await fixture.store.stored.map { $0.acceptedPolicy?.version } == ["3.1", "4.0"])
            let after = try ServerFixture.json(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: Self.bob))
            let current = (after["requirements"] as? [[String: Any]] ?? []).first {
                $0["requirement"] as? String == "acceptance"
            }
            #expect(current?["state"] as? String == "current")
        }
    }
}
