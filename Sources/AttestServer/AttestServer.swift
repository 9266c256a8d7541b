import Foundation
import HandbookContent
import Hummingbird
import Logging
import ServiceLifecycle
import SiteBuilder
import TrainingRecords

/// The `attest serve` server: the built handbook, quizzes graded on the server and recorded durably,
/// "my training" and the admins' status page, and the JSON API.
///
/// - Pages: the built site is read into memory at start (``StaticSite``) and served from there, with
///   precomputed headers; `..`, encoded `%2e%2e`, backslashes and NUL are refused, and only real files
///   of the folder (no dot files, no symbolic links) can ever be served.
/// - Identity (``IdentityConfiguration``): a trusted proxy header honoured only with the shared secret,
///   a session cookie opened from a signed invitation link, or an explicit `--dev-identity` (only on a
///   loopback address and never with a trusted proxy: the server refuses to start otherwise). Never a
///   form field. People not in the roster, or inactive, get 403; admins come from handbook.yml.
/// - Consistency: each request works with one snapshot of the site and the handbook (``LiveContent``),
///   even while `--watch` swaps them.
/// - Forgery protection: each quiz page served to an identified caller carries a form token
///   (HMAC-SHA256, ``SignedToken``) naming that caller and their session, valid 12 hours. A form post is
///   accepted only with a valid token for the same caller and session, and never with
///   `Sec-Fetch-Site: cross-site` or a foreign `Origin`. The session cookie is `HttpOnly`, `SameSite=Lax`.
///   The JSON API requires `Content-Type: application/json`, which other sites cannot send without a
///   CORS preflight that this server never grants, so it needs no token.
/// - Durability: a 2xx answer to a submission is sent only after ``RecordStore/append(_:)`` returned.
///
/// ```swift
/// let server = try AttestServer(
///     site: try StaticSite.load(directory: "site"), handbook: handbook, roster: roster,
///     store: store, identity: IdentityConfiguration(signingKey: key), settings: ServerSettings(port: 8080))
/// try await server.makeApplication().runService()   // until SIGINT or SIGTERM
/// ```
public struct AttestServer: Sendable {
    /// The site and the handbook (roster, quizzes, page layout) served, as one value per request;
    /// `--watch` replaces them together after each good rebuild.
    public let live: LiveContent
    public let store: any RecordStore
    public let identity: IdentityConfiguration
    public let settings: ServerSettings

    /// The handbook served now.
    public var handbook: Handbook { live.snapshot().handbook.handbook }
    /// The roster served now.
    public var roster: Roster { live.snapshot().handbook.roster }

    /// Throws when `identity` would let requests round the identity rules (see
    /// ``IdentityConfiguration/check(devIdentity:trustedProxy:host:)``) or the server's pages cannot
    /// use `siteLayout`.
    public init(
        site: StaticSite, handbook: Handbook, roster: Roster, store: any RecordStore, identity: IdentityConfiguration,
        settings: ServerSettings = ServerSettings(), siteLayout: SiteLayout? = nil
    ) throws(ServerSetupError) {
        try IdentityConfiguration.check(
            devIdentity: identity.devIdentity, trustedProxy: identity.trustedProxy != nil, host: settings.host)
        self.store = store
        self.identity = identity
        self.settings = settings
        live = LiveContent(
            site: site, handbook: try ServedHandbook(handbook: handbook, roster: roster, layout: siteLayout))
    }

    /// The responder behind the application (routing, identity, grading, recording).
    public func makeResponder() -> LiveResponder {
        LiveResponder(live: live, store: store, resolver: IdentityResolver(configuration: identity), settings: settings)
    }

    /// The Hummingbird application, listening on `settings.host:settings.port`.
    ///
    /// - Parameter services: run alongside and stopped with the server, e.g. a ``SourceWatcher`` for `--watch`.
    public func makeApplication(services: [any Service] = [], logger: Logger? = nil) -> Application<LiveResponder> {
        Application(
            responder: makeResponder(),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: nil),
            services: services,
            logger: logger ?? Logger(label: "attest.serve"))
    }
}
