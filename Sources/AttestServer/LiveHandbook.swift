import HandbookContent
import NIOConcurrencyHelpers
import SiteBuilder

/// The handbook being served, which a rebuild under `--watch` can swap while requests run: each
/// request works with the handbook it started with (quiz, roster and admins of one generation).
public final class LiveHandbook: Sendable {
    private let current: NIOLockedValueBox<ServedHandbook>

    init(_ served: ServedHandbook) { current = NIOLockedValueBox(served) }

    /// The handbook now.
    var served: ServedHandbook { current.withLockedValue { $0 } }

    /// Grades, admits and lays out pages with `handbook`, `roster` and `layout` from the next request on.
    /// Throws, and keeps the handbook as it was, when the server's own pages cannot use `layout`.
    public func replace(handbook: Handbook, roster: Roster, layout: SiteLayout?) throws(ServerSetupError) {
        let pages = try ServerPages(siteTitle: handbook.config.title, siteLayout: layout)
        let served = ServedHandbook(handbook: handbook, roster: roster, pages: pages)
        current.withLockedValue { $0 = served }
    }
}
