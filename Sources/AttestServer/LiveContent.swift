import HandbookContent
import NIOConcurrencyHelpers
import SiteBuilder

/// The site and the handbook being served, which a rebuild under `--watch` swaps while requests run.
///
/// Both live under one lock and are replaced together, as one ``ServedContent``: a request takes
/// one ``snapshot()`` when it comes in and works with it alone (quiz page, roster, quizzes, admins and
/// the server's pages of one generation), never with parts read at different moments.
public final class LiveContent: Sendable {
    private let current: NIOLockedValueBox<ServedContent>

    init(site: StaticSite, handbook: ServedHandbook) {
        current = NIOLockedValueBox(ServedContent(site: site, generation: 0, handbook: handbook))
    }

    /// The site and the handbook now, as one value.
    func snapshot() -> ServedContent { current.withLockedValue { $0 } }

    /// Whether pages carry the live-reload script (the site was made with `liveReload`).
    public var liveReload: Bool { snapshot().site.liveReload }

    /// How many times the site was replaced; open pages in live-reload mode wait for it to change.
    public var generation: Int { snapshot().generation }

    /// Serves `site` from the next request on (open pages reload themselves in live-reload mode).
    public func replace(site: StaticSite) {
        swap(site: { _ in site })
    }

    /// Serves the current site with `files` added or replaced and `removed` taken away.
    public func update(files: [String: [UInt8]], removing removed: [String] = []) {
        swap(site: { $0.updating(files: files, removing: removed) })
    }

    /// Grades, admits and lays out pages with `handbook`, `roster` and `layout` from the next request on.
    /// Throws, and keeps the handbook as it was, when the server's own pages cannot use `layout`.
    public func replace(handbook: Handbook, roster: Roster, layout: SiteLayout?) throws(ServerSetupError) {
        let served = try ServedHandbook(handbook: handbook, roster: roster, layout: layout)
        swap(site: nil, handbook: served)
    }

    /// Replaces the site (made from the one served now) and the handbook, each when given, in one step.
    /// A new site is a new generation (open pages reload) unless `reloading` is false, for files no
    /// open page shows.
    func swap(site makeSite: ((StaticSite) -> StaticSite)?, handbook: ServedHandbook? = nil, reloading: Bool = true) {
        current.withLockedValue { content in
            guard let makeSite else {
                if let handbook {
                    content = ServedContent(site: content.site, generation: content.generation, handbook: handbook)
                }
                return
            }
            content = ServedContent(
                site: makeSite(content.site), generation: content.generation + (reloading ? 1 : 0),
                handbook: handbook ?? content.handbook)
        }
    }
}
