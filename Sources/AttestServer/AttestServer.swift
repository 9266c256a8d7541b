import Foundation
import HandbookContent
import Hummingbird
import Logging
import TrainingRecords

/// The `attest serve` server: the built handbook, quizzes graded on the server and recorded durably,
/// "my training" and the admins' status page, and the JSON API.
///
/// ```swift
/// let server = try AttestServer(
///     site: LiveSite(try StaticSite.load(directory: "site")), handbook: handbook, roster: roster,
///     store: store, identity: IdentityConfiguration(signingKey: key), settings: ServerSettings(port: 8080))
/// try await server.makeApplication().runService()   // until SIGINT or SIGTERM
/// ```
public struct AttestServer: Sendable {
    public let site: LiveSite
    public let handbook: Handbook
    public let roster: Roster
    public let store: any RecordStore
    public let identity: IdentityConfiguration
    public let settings: ServerSettings
    let pages: ServerPages

    public init(
        site: LiveSite, handbook: Handbook, roster: Roster, store: any RecordStore, identity: IdentityConfiguration,
        settings: ServerSettings = ServerSettings()
    ) throws(ServerSetupError) {
        self.site = site
        self.handbook = handbook
        self.roster = roster
        self.store = store
        self.identity = identity
        self.settings = settings
        pages = try ServerPages(siteTitle: handbook.config.title)
    }

    /// The responder behind the application (routing, identity, grading, recording).
    public func makeResponder() -> AttestResponder {
        AttestResponder(
            state: AttestResponder.State(
                site: site, handbook: handbook, roster: roster, store: store,
                resolver: IdentityResolver(configuration: identity), settings: settings, pages: pages))
    }

    /// The Hummingbird application, listening on `settings.host:settings.port`.
    public func makeApplication(logger: Logger? = nil) -> Application<AttestResponder> {
        Application(
            responder: makeResponder(),
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: nil),
            logger: logger ?? Logger(label: "attest.serve"))
    }
}
