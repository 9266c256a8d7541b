/// What the server serves at one moment: the site and the handbook (quizzes, roster, admins, the
/// layout of the server's own pages) of one generation.
///
/// A request takes one with ``LiveContent/snapshot()`` when it comes in and uses only it, so that it
/// never admits by the roster of one rebuild and grades against the quizzes of the next.
struct ServedContent: Sendable {
    let site: StaticSite
    /// How many times the site was replaced; open pages in live-reload mode wait for it to change.
    let generation: Int
    let handbook: ServedHandbook
}
