import HandbookContent
import TrainingRecords

/// What checks look things up in: the as-of date, the roster and the training standing, indexed
/// once so that a check on a million keys does no per-key work beyond a hash lookup.
public struct AuditContext: Sendable {
    public let asOf: CalendarDate
    /// nil: no roster was given.
    public let roster: Roster?
    /// nil: no training records were given.
    public let training: TrainingStatus?
    /// What leak scans saw (`--exposures`); nil: none given.
    public let exposures: ExposureIndex?
    /// Whether a roster was given (checked per key: cheaper than comparing ``roster`` with nil).
    public let hasRoster: Bool
    /// Whether training records were given.
    public let hasTraining: Bool
    private let activeByEmail: [String: Bool]
    private let currentPasses: [String: Set<String>]
    /// Both, for the per-key lookups.
    private let people: PeopleIndex

    public init(asOf: CalendarDate, roster: Roster?, training: TrainingStatus?, exposures: ExposureIndex? = nil) {
        self.asOf = asOf
        self.exposures = exposures
        self.roster = roster
        self.training = training
        hasRoster = roster != nil
        hasTraining = training != nil
        var active: [String: Bool] = [:]
        for person in roster?.people ?? [] { active[person.email] = person.active }
        activeByEmail = active
        var passes: [String: Set<String>] = [:]
        // The same standing as TrainingStatus.hasCurrentPass, indexed.
        // Keyed by the roster's own strings (see ``knownEmails``).
        for requirement in training?.requirements ?? [] where requirement.state.isCurrentPass {
            let email = active.index(forKey: requirement.person.email).map { active[$0].key }
            passes[email ?? requirement.person.email, default: []].insert(requirement.quizID)
        }
        currentPasses = passes
        people = PeopleIndex(active: active, passes: passes)
    }

    /// The emails the lookups are keyed by, for readers to hand out these very strings: a lookup
    /// then compares a string with itself, not with a copy elsewhere in memory.
    var knownEmails: [String] {
        Array(activeByEmail.keys) + currentPasses.keys.filter { activeByEmail[$0] == nil }
    }

    /// Where `email` (lowercased) stands in the roster.
    public func standing(of email: String) -> FindingDetail.RosterStanding {
        guard hasRoster else { return .noRoster }
        guard let active = people.isActive(email) else { return .notInRoster }
        return active ? .active : .inactive
    }

    /// Whether `email` (lowercased) holds a current pass of `quizID` on the as-of date.
    public func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        people.hasCurrentPass(email, quizID: quizID)
    }
}
