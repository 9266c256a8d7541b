import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import HummingbirdTesting
import SiteBuilder
import Testing

@testable import AttestServer

/// `--watch` swaps the site and the handbook while requests run: a request works with one snapshot of
/// them (site, roster, quizzes, admins, pages of one generation) from start to end.
@Suite struct LiveContentTests {
    /// Generation `n` of the fixture's handbook: its title, quiz hash and roster say `n`; bob is in the
    /// roster of generation 0 only.
    static func generation(_ n: Int) -> (Handbook, Roster) {
        var handbook = ServerFixture.handbook
        handbook.config.title = "Generation \(n)"
        var quiz = ServerFixture.quiz
        quiz.contentSHA256 = Self.quizHash(n)
        handbook.quizzes = [quiz]
        let people = ServerFixture.roster.people.filter { n == 0 || $0.email != "bob@example.com" }
        return (handbook, Roster(people: people))
    }

    static func quizHash(_ n: Int) -> String { String(repeating: String(format: "%02x", n % 256), count: 32) }

    static func site(_ n: Int) -> StaticSite {
        var files = ServerFixture.siteFiles
        files["index.html"] = Array("generation \(n)".utf8)
        return StaticSite(files: files)
    }

    static func text(_ site: StaticSite, _ path: String) -> String? {
        guard case .file(let file) = site.lookup(path) else { return nil }
        return String(buffer: file.body)
    }

    @Test func aSnapshotKeepsItsGenerationWhateverIsSwappedAfterIt() throws {
        let (handbook, roster) = Self.generation(0)
        let server = try AttestServer(
            site: Self.site(0), handbook: handbook, roster: roster, store: InMemoryRecordStore(),
            identity: IdentityConfiguration(signingKey: .random()))
        let before = server.live.snapshot()
        let (next, nextRoster) = Self.generation(1)
        try server.live.replace(handbook: next, roster: nextRoster, layout: nil)
        server.live.replace(site: Self.site(1))
        let after = server.live.snapshot()

        #expect(before.handbook.handbook.config.title == "Generation 0")
        #expect(before.handbook.roster.person("bob@example.com") != nil)
        #expect(before.handbook.quizzes[ServerFixture.quizID]?.quiz.contentSHA256 == Self.quizHash(0))
        #expect(Self.text(before.site, "/") == "generation 0")
        #expect(before.handbook.pages.siteTitle == "Generation 0")

        #expect(after.handbook.handbook.config.title == "Generation 1")
        #expect(after.handbook.roster.person("bob@example.com") == nil)
        #expect(after.handbook.quizzes[ServerFixture.quizID]?.quiz.contentSHA256 == Self.quizHash(1))
        #expect(Self.text(after.site, "/") == "generation 1")
        #expect(after.generation == before.generation + 1)
    }

    /// A rebuild's site and handbook are swapped in one step: readers racing a writer that applies
    /// 300 rebuilds never see the site of one with the handbook of another.
    @Test func aRebuildSwapsTheSiteAndTheHandbookTogether() async throws {
        let (handbook, roster) = Self.generation(0)
        let server = try AttestServer(
            site: Self.site(0), handbook: handbook, roster: roster, store: InMemoryRecordStore(),
            identity: IdentityConfiguration(signingKey: .random()))
        let live = server.live
        let rebuilds = 300
        let mismatches = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for n in 1...rebuilds {
                    var update = SiteUpdate(
                        isComplete: n % 2 == 0, succeeded: true, files: ["index.html": "generation \(n)"])
                    let (next, nextRoster) = Self.generation(n)
                    update.handbook = next
                    _ = live.apply(update, roster: nextRoster)
                    await Task.yield()
                }
                return 0
            }
            for _ in 0..<2 {
                group.addTask {
                    var mismatches = 0
                    for _ in 0..<2_000 {
                        let snapshot = live.snapshot()
                        let title = snapshot.handbook.handbook.config.title
                        if Self.text(snapshot.site, "/").map({ "G" + $0.dropFirst() }) != title { mismatches += 1 }
                        await Task.yield()
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(server.handbook.config.title == "Generation \(rebuilds)")
    }

    /// Swaps to a new generation each time the server reads its clock once armed: between the reads of
    /// one request, as a rebuild under `--watch` may.
    final class Swapper: @unchecked Sendable {
        private let lock = NSLock()
        private var live: LiveContent?
        private var generation = 0

        func arm(_ live: LiveContent) { lock.withLock { self.live = live } }

        func now() -> Date {
            let next: (LiveContent, Int)? = lock.withLock {
                guard let live else { return nil }
                generation += 1
                return (live, generation)
            }
            if let (live, n) = next {
                let (handbook, roster) = LiveContentTests.generation(n)
                try? live.replace(handbook: handbook, roster: roster, layout: nil)
            }
            return ServerFixture.now
        }
    }

    /// Each request is admitted by the roster, graded against the quiz and shown in the pages of the
    /// generation it came in with, although the handbook is swapped between its reads (bob is in the
    /// roster of the first generation only).
    @Test func aRequestUsesTheGenerationItCameInWith() async throws {
        let swapper = Swapper()
        let store = InMemoryRecordStore()
        let (handbook, roster) = Self.generation(0)
        var identity = IdentityConfiguration(signingKey: .random())
        identity.trustedProxy = try TrustedProxyHeader(
            headerName: "X-Forwarded-Email", secret: ServerFixture.proxySecret)
        let server = try AttestServer(
            site: Self.site(0), handbook: handbook, roster: roster, store: store, identity: identity,
            settings: ServerSettings(port: 0, now: { swapper.now() }))
        let bob = ServerFixture.proxyHeaders("bob@example.com")
        try await server.makeApplication().test(.router) { client in
            let token = try await ServerFixture.formToken(client, headers: bob)
            #expect(!token.isEmpty)
            swapper.arm(server.live)
            let form = try await ServerFixture.postForm(client, "q1=b&q2=a&q2=c&csrf_token=\(token)", headers: bob)
            #expect(form.status == .created, "\(String(buffer: form.body))")
            #expect(String(buffer: form.body).contains("Generation 0"))
            #expect(!String(buffer: form.body).contains("Generation 1"))
        }
        let stored = await store.stored
        #expect(stored.map(\.quizContentSHA256) == [Self.quizHash(0)])
        // The next request comes in with the last generation, in which bob is not in the roster.
        try await server.makeApplication().test(.router) { client in
            let api = try await ServerFixture.postJSON(
                client, #"{"quiz": "key-handling", "answers": {"1": ["b"], "2": ["a", "c"]}}"#, headers: bob)
            #expect(api.status == .forbidden)
        }
    }
}
