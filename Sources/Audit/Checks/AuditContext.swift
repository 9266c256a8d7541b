import HandbookContent
import TrainingRecords

/// What checks look things up in: the as-of date, the roster (for a quiz's audience) and, indexed
/// once by email, where each person stands and which quizzes they hold a current pass of, so that a
/// check on a million keys does no per-key work beyond a hash lookup.
public struct AuditContext: Sendable {
    public let asOf: CalendarDate
    /// nil: no roster was given.
    public let roster: Roster?
    /// What leak scans saw (`--exposures`); nil: none given.
    public let exposures: ExposureIndex?
    /// Whether a roster was given (checked per key: cheaper than comparing ``roster`` with nil).
    public let hasRoster: Bool
    /// Whether training records were given.
    public let hasTraining: Bool
    /// Each person's roster standing and current passes.
    private let people: PeopleIndex

    public init(asOf: CalendarDate, roster: Roster?, training: TrainingStatus?, exposures: ExposureIndex? = nil) {
        self.asOf = asOf
        self.exposures = exposures
        self.roster = roster
        hasRoster = roster != nil
        hasTraining = training != nil
        // The same standing as TrainingStatus.hasCurrentPass, indexed.
        people = PeopleIndex(
            people: (roster?.people ?? []).map { (email: $0.email, active: $0.active) },
            passes: (training?.requirements ?? []).filter(\.state.isCurrentPass).map {
                (email: $0.person.email, quizID: $0.kind == .quiz ? $0.quizID : Self.acceptanceKey($0.policyID))
            })
    }

    /// Where `email` (lowercased) stands in the roster.
    public func standing(of email: String) -> FindingDetail.RosterStanding {
        guard hasRoster else { return .noRoster }
        guard let active = people.isActive(email) else { return .notInRoster }
        return active ? .active : .inactive
    }

    /// An acceptance is indexed like a quiz pass under this key: slugs never hold `:`, so it never
    /// meets a quiz id.
    static func acceptanceKey(_ policyID: String) -> String { "accept:" + policyID }

    /// Whether `email` (lowercased) has accepted the current major version of `policyID` on the as-of date.
    public func hasAccepted(_ email: String, policyID: String) -> Bool {
        people.hasCurrentPass(email, quizID: Self.acceptanceKey(policyID))
    }

    /// Whether `email` (lowercased) holds a current pass of `quizID` on the as-of date.
    public func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        people.hasCurrentPass(email, quizID: quizID)
    }
}
