import NIOConcurrencyHelpers

/// The site being served, which a rebuild (`--watch`) can swap for a new one while requests run:
/// each request sees either the old site or the new one, never a mix.
public final class LiveSite: Sendable {
    private let current: NIOLockedValueBox<(site: StaticSite, generation: Int)>

    public init(_ site: StaticSite) { current = NIOLockedValueBox((site, 0)) }

    /// The site now.
    public var site: StaticSite { current.withLockedValue { $0.site } }

    /// Whether pages carry the live-reload script (the site was made with `liveReload`).
    public var liveReload: Bool { site.liveReload }

    /// How many times the site was replaced; open pages in live-reload mode wait for it to change.
    public var generation: Int { current.withLockedValue { $0.generation } }

    /// Serves `site` from the next request on (open pages reload themselves in live-reload mode).
    public func replace(with site: StaticSite) {
        current.withLockedValue { $0 = (site, $0.generation + 1) }
    }

    /// Serves the current site with `files` added or replaced and `removed` taken away; open pages
    /// reload themselves unless `reloading` is false (for files no open page shows).
    public func update(files: [String: [UInt8]], removing removed: [String] = [], reloading: Bool = true) {
        current.withLockedValue {
            $0 = ($0.site.updating(files: files, removing: removed), $0.generation + (reloading ? 1 : 0))
        }
    }
}
