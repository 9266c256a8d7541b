import AttestServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Round trips through the real HTTP server on a loopback port.
@Suite struct LiveServerTests {
    @Test func quizRoundTripThroughTheRealServer() async throws {
        let fixture = try ServerFixture()
        let bob = ServerFixture.proxyHeaders("bob@example.com")
        try await fixture.test(.live) { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            let token = try await ServerFixture.formToken(client, headers: bob)
            #expect(!token.isEmpty)
            let result = try await ServerFixture.postForm(client, "q1=b&q2=a&q2=c&csrf_token=\(token)", headers: bob)
            #expect(result.status == .created)
            #expect(String(buffer: result.body).contains("Passed"))
            let api = try await ServerFixture.postJSON(
                client, #"{"quiz": "key-handling", "answers": {"1": ["a"], "2": ["a"]}}"#, headers: bob)
            #expect(api.status == .created)
            #expect(try ServerFixture.json(api)["passed"] as? Bool == false)
            let traversal = try await client.execute(uri: "/%2e%2e/%2e%2e/etc/passwd", method: .get)
            #expect(traversal.status == .notFound)
        }
        #expect(await fixture.store.stored.map(\.scorePercent) == [100, 0])
    }

    @Test func oversizedBodyIsRefusedByTheRealServer() async throws {
        let fixture = try ServerFixture(maxBodyBytes: 256)
        try await fixture.test(.live) { client in
            let response = try await ServerFixture.postJSON(
                client, String(repeating: " ", count: 4096) + "{}",
                headers: ServerFixture.proxyHeaders("bob@example.com"))
            #expect(response.status == .contentTooLarge)
        }
        #expect(await fixture.store.stored.isEmpty)
    }

    @Test func liveReloadAnswersWhenTheSiteIsRebuilt() async throws {
        let fixture = try ServerFixture(liveReload: true)
        try await fixture.test { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(String(buffer: page.body).contains("/_attest/site-generation"))
            let current = try await client.execute(uri: "/_attest/site-generation?known=-1", method: .get)
            #expect(String(buffer: current.body) == "0")
            fixture.server.live.update(
                files: ["index.html": Array("<body>new</body>".utf8)], removing: ["static/style.css"])
            let changed = try await client.execute(uri: "/_attest/site-generation?known=0", method: .get)
            #expect(String(buffer: changed.body) == "1")
            let newPage = try await client.execute(uri: "/", method: .get)
            #expect(String(buffer: newPage.body).hasPrefix("<body>new<script>"))
            #expect(String(buffer: newPage.body).hasSuffix("</script></body>"))
            let removed = try await client.execute(uri: "/static/style.css", method: .get)
            #expect(removed.status == .notFound)
            let kept = try await client.execute(uri: "/policies/key-rotation/", method: .get)
            #expect(kept.status == .ok)
        }
        try await ServerFixture().test { client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(!String(buffer: page.body).contains("<script>"))
            let response = try await client.execute(uri: "/_attest/site-generation?known=0", method: .get)
            #expect(response.status == .notFound)
        }
    }

    @Test func snapshotsTellWhichSourcesChanged() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
        let kept = folder.appendingPathComponent("a/kept.md")
        let edited = folder.appendingPathComponent("a/edited.md")
        let deleted = folder.appendingPathComponent("deleted.md")
        for file in [kept, edited, deleted] { try Data("one".utf8).write(to: file) }
        let before = SourceSnapshot(paths: [folder.path])
        try Data("two, longer".utf8).write(to: edited)
        try FileManager.default.removeItem(at: deleted)
        try Data("new".utf8).write(to: folder.appendingPathComponent("a/added.md"))
        try Data("x".utf8).write(to: folder.appendingPathComponent(".hidden"))
        let after = SourceSnapshot(paths: [folder.path])
        #expect(
            before.changes(to: after).map { String($0.dropFirst(folder.path.count)) } == [
                "/a/added.md", "/a/edited.md", "/deleted.md",
            ])
        #expect(after.changes(to: SourceSnapshot(paths: [folder.path])).isEmpty)
    }
}
