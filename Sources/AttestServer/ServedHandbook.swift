import HandbookContent
import SiteBuilder

/// What the server knows of the handbook: the quizzes it grades against, the roster, the admins, and
/// the layout of its own pages. Fixed at start, or replaced as a whole after a rebuild under `--watch`
/// (see ``LiveContent``), so that an edited quiz is graded as it is now shown.
struct ServedHandbook: Sendable {
    let handbook: Handbook
    let roster: Roster
    let pages: ServerPages
    let quizzes: [String: ServedQuiz]
    let quizTitles: [String: String]
    let admins: Set<String>
    /// Policy id → its title and the path of its page, for acceptance requirements.
    let policyPages: [String: (title: String, path: String)]

    init(handbook: Handbook, roster: Roster, pages: ServerPages) {
        self.handbook = handbook
        self.roster = roster
        self.pages = pages
        var quizzes: [String: ServedQuiz] = [:]
        for quiz in handbook.quizzes { quizzes[quiz.id] = ServedQuiz(quiz: quiz, policies: handbook.policies) }
        self.quizzes = quizzes
        quizTitles = Dictionary(handbook.quizzes.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        admins = Set(handbook.config.admins.map { $0.lowercased() })
        var pages: [String: (title: String, path: String)] = [:]
        for policy in handbook.policies where pages[policy.id] == nil {
            pages[policy.id] = (policy.title, AcceptanceFormMarkup.pagePath(of: policy))
        }
        policyPages = pages
    }

    /// The handbook with the server's pages set in `layout` (the handbook's theme), or in a minimal
    /// layout of their own when nil; throws when the server's templates cannot be used.
    init(handbook: Handbook, roster: Roster, layout: SiteLayout?) throws(ServerSetupError) {
        self.init(
            handbook: handbook, roster: roster,
            pages: try ServerPages(siteTitle: handbook.config.title, siteLayout: layout))
    }
}
