import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import AttestServer

@Suite struct StaticServingTests {
    @Test func servesIndexAndFilesWithContentTypes() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: home.body).contains("<title>Home</title>"))

            let page = try await client.execute(uri: "/policies/key-rotation/", method: .get)
            #expect(String(buffer: page.body).contains("Key rotation"))
            #expect(page.headers[.cacheControl] == "no-cache")

            let css = try await client.execute(uri: "/static/style.css", method: .get)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=3600")

            let json = try await client.execute(uri: "/search-index.json?q=x", method: .get)
            #expect(json.headers[.contentType] == "application/json")
            #expect(String(buffer: json.body) == "[]")
        }
    }

    @Test func redirectsFolderWithoutSlash() async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(uri: "/policies/key-rotation", method: .get)
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/policies/key-rotation/")
        }
    }

    @Test func answersNotModifiedForMatchingETag() async throws {
        try await ServerFixture().test { client in
            let first = try await client.execute(uri: "/static/style.css", method: .get)
            let tag = try #require(first.headers[.eTag])
            let second = try await client.execute(
                uri: "/static/style.css", method: .get, headers: [.ifNoneMatch: tag])
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
        }
    }

    @Test func headHasNoBody() async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(uri: "/", method: .head)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test(arguments: [
        "/../etc/passwd", "/static/../../etc/passwd", "/%2e%2e/etc/passwd", "/static/%2E%2E/%2e%2e/etc/passwd",
        "/static/./style.css", "//etc/passwd", "/missing.html", "/quizzes/",
    ])
    func refusesTraversalAndMissingFiles(_ path: String) async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .notFound)
            #expect(!String(buffer: response.body).contains("root:"))
        }
    }

    @Test(arguments: ["/static/%zz.css", "/static/a%00b.css", "/static/..%5C..%5Cwin.ini"])
    func refusesMalformedPaths(_ path: String) async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .badRequest)
        }
    }

    @Test func wrongMethodOnPageIs405() async throws {
        try await ServerFixture().test { client in
            let response = try await client.execute(uri: "/index.html", method: .delete)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
            #expect(String(buffer: response.body).contains("DELETE is not allowed"))
        }
    }

    @Test func quizPageGetsTheCallersFormTokenAndIsNotCached() async throws {
        try await ServerFixture().test { client in
            let anonymous = try await client.execute(uri: "/quizzes/\(ServerFixture.quizID)/", method: .get)
            #expect(String(buffer: anonymous.body).contains(ServerFixture.formMarker))
            let token = try await ServerFixture.formToken(
                client, headers: ServerFixture.proxyHeaders("bob@example.com"))
            #expect(!token.isEmpty)
            let page = try await client.execute(
                uri: "/quizzes/\(ServerFixture.quizID)/", method: .get,
                headers: ServerFixture.proxyHeaders("bob@example.com"))
            #expect(page.headers[.cacheControl] == "private, no-store")
            #expect(page.headers[.eTag] == nil)
        }
    }

    @Test func loadsASiteFolderSkippingHiddenFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attest-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("guides"), withIntermediateDirectories: true)
        try Data("<p>guide</p>".utf8).write(to: folder.appendingPathComponent("guides/index.html"))
        try Data("secret".utf8).write(to: folder.appendingPathComponent(".env"))
        let site = try StaticSite.load(directory: folder.path)
        #expect(site.fileCount == 1)
        #expect(throws: ServerSetupError.self) { try StaticSite.load(directory: folder.path + "/missing") }
    }

    /// `--watch` changes the served site file by file: its routes and folders must be those of the
    /// site built whole from the same files.
    @Test func anUpdatedSiteRoutesAsASiteBuiltWhole() throws {
        let page = Array("<html><body>page</body></html>".utf8)
        let before = StaticSite(
            files: [
                "index.html": page, "a/index.html": page, "a/b/index.html": page, "a/b/c.css": page, "d/e/f.html": page,
            ], liveReload: true)
        let updated = before.updating(
            files: ["a/b/index.html": Array("<html><body>new</body></html>".utf8), "g/index.html": page],
            removing: ["d/e/f.html"])
        let whole = StaticSite(
            files: [
                "index.html": page, "a/index.html": page, "a/b/index.html": page, "a/b/c.css": page,
                "g/index.html": page,
            ], liveReload: true)
        #expect(Set(updated.files.keys) == Set(whole.files.keys))
        #expect(Set(updated.routes.keys) == Set(whole.routes.keys))
        #expect(updated.folders == whole.folders)
        #expect(!updated.folders.contains("d") && updated.folders.contains("g"))
        let body = try #require(updated.routes["/a/b/"]?.body)
        #expect(String(buffer: body).contains("new"))
    }
}
