import NIOConcurrencyHelpers

/// The site being served, which a rebuild (`--watch`) can swap for a new one while requests run:
/// each request sees either the old site or the new one, never a mix.
public final class LiveSite: Sendable {
    private let current: NIOLockedValueBox<(site: StaticSite, generation: Int)>
    /// Whether pages carry the live-reload script (see ``LiveReload``).
    public let liveReload: Bool

    /// - Parameter liveReload: put the live-reload script in every HTML page (for `--watch`).
    public init(_ site: StaticSite, liveReload: Bool = false) {
        self.liveReload = liveReload
        current = NIOLockedValueBox((liveReload ? site.withLiveReload(generation: 0) : site, 0))
    }

    /// The site now.
    public var site: StaticSite { current.withLockedValue { $0.site } }

    /// How many times the site was replaced; open pages in live-reload mode wait for it to change.
    public var generation: Int { current.withLockedValue { $0.generation } }

    /// Serves `site` from the next request on (open pages reload themselves in live-reload mode).
    public func replace(with site: StaticSite) {
        current.withLockedValue { state in
            let generation = state.generation + 1
            state = (liveReload ? site.withLiveReload(generation: generation) : site, generation)
        }
    }
}
