import AttestServer
import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import HummingbirdTesting
import TrainingRecords

/// A small handbook (one policy, one quiz), a roster, a built site in memory and a server over an
/// in-memory store, with helpers to talk to it.
struct ServerFixture {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21T14:13:20Z
    static let quizID = "key-handling"
    static let proxySecret = "s3cret-proxy-value-0123456789"
    static let formMarker = #"<input type="hidden" name="csrf_token" value="">"#

    static let quiz = Quiz(
        id: quizID, title: "Key handling <basics>", policies: ["key-rotation"], passPercent: 100,
        questions: [
            QuizQuestion(
                id: 1, text: "Where do secrets live?",
                options: [
                    QuizOption(id: "a", text: "In the repository", isCorrect: false),
                    QuizOption(id: "b", text: "In the **vault**", isCorrect: true),
                ],
                explanation: "Never commit keys. <script>alert(1)</script> See *the vault guide*.", line: 5),
            QuizQuestion(
                id: 2, text: "Which keys must be rotated?",
                options: [
                    QuizOption(id: "a", text: "Production keys", isCorrect: true),
                    QuizOption(id: "b", text: "None", isCorrect: false),
                    QuizOption(id: "c", text: "Staging keys", isCorrect: true),
                ],
                explanation: "Every key that grants access is rotated.", line: 11),
        ],
        sourcePath: "content/quizzes/key-handling.md", contentSHA256: String(repeating: "ab", count: 32))

    static let policy = Policy(
        id: "key-rotation", title: "Key rotation", owner: "sec@example.com", version: PolicyVersion("2.1")!,
        lastReviewed: CalendarDate(year: 2026, month: 1, day: 10)!, reviewEveryDays: 365,
        sourcePath: "content/policies/key-rotation.md")

    static let handbook = Handbook(
        root: "/nonexistent",
        config: HandbookConfig(
            title: "Example Handbook", baseURL: "https://handbook.example.com/", admins: ["Alice@Example.com"]),
        policies: [policy], quizzes: [quiz], pages: [], assets: [])

    static let roster = Roster(people: [
        Person(
            email: "alice@example.com", name: "Alice Admin", team: "Security",
            startDate: CalendarDate(year: 2026, month: 1, day: 1)),
        Person(
            email: "bob@example.com", name: "Bob <b>Builder</b>", team: "Platform",
            startDate: CalendarDate(year: 2026, month: 9, day: 1)),
        Person(email: "carol@example.com", name: "Carol Gone", team: "Platform", active: false),
    ])

    static let siteFiles: [String: [UInt8]] = [
        "index.html": Array("<!doctype html><title>Home</title><a href=\"policies/\">Policies</a>".utf8),
        "policies/key-rotation/index.html": Array("<!doctype html><h1>Key rotation</h1>".utf8),
        "static/style.css": Array("body { color: black; }".utf8),
        "search-index.json": Array("[]".utf8),
        "quizzes/\(quizID)/index.html": Array(quizPage.utf8),
    ]

    /// The quiz page as `attest build` writes it: the empty token field, and each question's options
    /// between the marks the server shuffles them by.
    static let quizPage = """
        <!doctype html><form method="post" action="/quizzes/\(quizID)/attempt">
        \(formMarker)
        <fieldset><legend>Where do secrets live?</legend>
        <!--attest:options-->
        <!--attest:option--><label><input type="radio" name="q1" value="a"> In the repository</label>
        <!--attest:option--><label><input type="radio" name="q1" value="b"> In the vault</label>
        <!--/attest:options-->
        </fieldset>
        <fieldset><legend>Which keys must be rotated?</legend>
        <!--attest:options-->
        <!--attest:option--><label><input type="checkbox" name="q2" value="a"> Production keys</label>
        <!--attest:option--><label><input type="checkbox" name="q2" value="b"> None</label>
        <!--attest:option--><label><input type="checkbox" name="q2" value="c"> Staging keys</label>
        <!--/attest:options-->
        </fieldset>
        </form>
        """

    let store = InMemoryRecordStore()
    let key = ServerSigningKey.random()
    let server: AttestServer

    enum IdentityMode { case none, proxy, dev(String) }

    init(
        identity mode: IdentityMode = .proxy, maxBodyBytes: Int = 64 * 1024, liveReload: Bool = false,
        quiz: Quiz = Self.quiz, random: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) },
        extraPolicies: [Policy] = [], extraFiles: [String: [UInt8]] = [:]
    ) throws {
        var identity = IdentityConfiguration(signingKey: key, secureCookies: true)
        switch mode {
        case .none: break
        case .proxy:
            identity.trustedProxy = try TrustedProxyHeader(headerName: "X-Forwarded-Email", secret: Self.proxySecret)
        case .dev(let email): identity = IdentityConfiguration(devIdentity: email, signingKey: key)
        }
        var handbook = Self.handbook
        handbook.quizzes = [quiz]
        handbook.policies += extraPolicies
        server = try AttestServer(
            site: StaticSite(files: Self.siteFiles.merging(extraFiles) { _, new in new }, liveReload: liveReload),
            handbook: handbook,
            roster: Self.roster,
            store: store, identity: identity,
            settings: ServerSettings(port: 0, maxBodyBytes: maxBodyBytes, now: { ServerFixture.now }, random: random))
    }

    /// Runs `body` against the application through the router test framework.
    func test(
        _ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        try await server.makeApplication().test(setup, body)
    }

    /// Headers identifying `email` through the proxy (with the right secret).
    static func proxyHeaders(_ email: String, secret: String = proxySecret) -> HTTPFields {
        var fields = HTTPFields()
        fields[HTTPField.Name("X-Forwarded-Email")!] = email
        fields[HTTPField.Name("X-Attest-Proxy-Secret")!] = secret
        return fields
    }

    static func with(_ fields: HTTPFields, _ name: String, _ value: String) -> HTTPFields {
        var fields = fields
        fields[HTTPField.Name(name)!] = value
        return fields
    }

    /// The form token the quiz page carries for a caller with `headers`.
    static func formToken(_ client: any TestClientProtocol, headers: HTTPFields) async throws -> String {
        let response = try await client.execute(uri: "/quizzes/\(quizID)/", method: .get, headers: headers)
        let page = String(buffer: response.body)
        let prefix = #"name="csrf_token" value=""#
        guard let start = page.range(of: prefix)?.upperBound, let end = page[start...].firstIndex(of: "\"") else {
            return ""
        }
        return String(page[start..<end])
    }

    /// Posts the quiz form with `fields` (already encoded) as `headers`' caller.
    static func postForm(
        _ client: any TestClientProtocol, _ body: String, headers: HTTPFields, quizID: String = quizID
    ) async throws -> TestResponse {
        let headers = with(headers, "Content-Type", "application/x-www-form-urlencoded")
        return try await client.execute(
            uri: "/quizzes/\(quizID)/attempt", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts JSON to the API as `headers`' caller.
    static func postJSON(_ client: any TestClientProtocol, _ body: String, headers: HTTPFields) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/api/v1/attempts", method: .post, headers: with(headers, "Content-Type", "application/json"),
            body: ByteBuffer(string: body))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
    }
}
