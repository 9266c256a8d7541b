import HandbookContent

/// Everyone's training standing on a date: the output of ``TrainingStatus/compute(quizzes:policies:roster:records:asOf:)``.
public struct TrainingStatus: Hashable, Sendable {
    /// How many days before expiry a pass counts as due soon.
    public static let dueSoonDays = 30

    /// The date the standing is computed for.
    public var asOf: CalendarDate
    /// Active people × the quizzes whose audience includes them, sorted by email then quiz id.
    public var requirements: [TrainingRequirement] {
        didSet { index = Self.index(requirements) }
    }
    /// Email → quiz id → position in `requirements`, for fast look-ups.
    private var index: [String: [String: Int]]

    public init(asOf: CalendarDate, requirements: [TrainingRequirement]) {
        self.asOf = asOf
        self.requirements = requirements
        self.index = Self.index(requirements)
    }

    /// Computes who stands where on `asOf` from the records. The caller passes the quizzes in force
    /// (drafts excluded) and the current policies.
    ///
    /// - Only active people, and only quizzes whose audience includes them (``Quiz/applies(to:)``).
    /// - Attempts recorded after `asOf` are ignored, so a past date gives the standing then.
    /// - A passing attempt counts while its UTC date + `valid_days` ≥ `asOf`, and none of the quiz's
    ///   policies has changed major version since: the attempt's `policy_versions` entry is compared to
    ///   the policy's current version (a policy missing from the attempt, or no longer in `policies`,
    ///   does not re-open it).
    /// - With a counting pass: ``RequirementState/dueSoon`` when it expires within 30 days (expiry ≤
    ///   `asOf` + 30), else ``RequirementState/current``; `due` is the expiry.
    /// - Without one: due on start_date + `due_within_days_of_start` for someone who never passed
    ///   (no start date: due at once, `due` nil); on the expiry of the last pass when it lapsed; and
    ///   when it was re-opened by a new major version, `due_within_days_of_start` after that policy's
    ///   `last_reviewed` date (when the new version came in). ``RequirementState/overdue`` when `asOf`
    ///   is past due, else ``RequirementState/neverDone``.
    public static func compute(
        quizzes: [Quiz], policies: [Policy], roster: Roster, records: [AttemptRecord], asOf: CalendarDate
    ) -> TrainingStatus {
        let quizIDs = Set(quizzes.map(\.id))
        // Passing attempts up to asOf, by person and quiz.
        var passes: [String: [String: [AttemptRecord]]] = [:]
        for record in records where record.passed && quizIDs.contains(record.quizID) {
            guard let recorded = UTCTimestamp(parsing: record.recordedAt)?.date, recorded <= asOf else { continue }
            passes[record.person, default: [:]][record.quizID, default: []].append(record)
        }
        let policiesByID = Dictionary(policies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var requirements: [TrainingRequirement] = []
        for person in roster.people where person.active {
            for quiz in quizzes where quiz.applies(to: person) {
                requirements.append(
                    requirement(
                        person: person, quiz: quiz, passes: passes[person.email]?[quiz.id] ?? [],
                        policies: policiesByID, asOf: asOf))
            }
        }
        requirements.sort { ($0.person.email, $0.quizID) < ($1.person.email, $1.quizID) }
        return TrainingStatus(asOf: asOf, requirements: requirements)
    }

    private static func requirement(
        person: Person, quiz: Quiz, passes: [AttemptRecord], policies: [String: Policy], asOf: CalendarDate
    ) -> TrainingRequirement {
        var counting: CalendarDate?
        // The latest pass that no longer counts, and since when it is due again.
        var latestLapsed: (passed: CalendarDate, due: CalendarDate)?
        for pass in passes {
            guard let passed = UTCTimestamp(parsing: pass.recordedAt)?.date else { continue }
            let expires = passed.adding(days: quiz.validDays)
            let reopenedOn = reopening(pass, quiz: quiz, policies: policies)
            if expires >= asOf, reopenedOn == nil {
                if counting.map({ passed > $0 }) ?? true { counting = passed }
            } else if latestLapsed.map({ passed > $0.passed }) ?? true {
                let due = expires < asOf ? expires : (reopenedOn ?? expires).adding(days: quiz.dueWithinDaysOfStart)
                latestLapsed = (passed, due)
            }
        }
        if let counting {
            let expires = counting.adding(days: quiz.validDays)
            let state: RequirementState = asOf.days(until: expires) <= dueSoonDays ? .dueSoon : .current
            return TrainingRequirement(
                person: person, quizID: quiz.id, state: state, lastPassed: counting, expires: expires, due: expires)
        }
        let due = latestLapsed?.due ?? person.startDate?.adding(days: quiz.dueWithinDaysOfStart)
        let state: RequirementState = due.map { asOf > $0 } ?? true ? .overdue : .neverDone
        return TrainingRequirement(
            person: person, quizID: quiz.id, state: state, lastPassed: nil, expires: nil, due: due)
    }

    /// When a new major version of one of the quiz's policies re-opened `pass` (the latest such
    /// policy's last review), or nil when none did.
    private static func reopening(_ pass: AttemptRecord, quiz: Quiz, policies: [String: Policy]) -> CalendarDate? {
        var reopened: CalendarDate?
        for policyID in quiz.policies {
            guard let acknowledged = pass.policyVersions[policyID], let policy = policies[policyID] else { continue }
            if PolicyVersion(acknowledged)?.major != policy.version.major {
                reopened = max(reopened ?? policy.lastReviewed, policy.lastReviewed)
            }
        }
        return reopened
    }

    /// Whether `email` holds a current pass (current or due soon) of `quizID` on the status date.
    public func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        requirement(email, quizID: quizID)?.state.isCurrentPass ?? false
    }

    /// The requirement of `email` for `quizID`, if it is required of them.
    public func requirement(_ email: String, quizID: String) -> TrainingRequirement? {
        index[email.lowercased()]?[quizID].map { requirements[$0] }
    }

    /// The requirements of `email`, by quiz id.
    public func requirements(of email: String) -> [TrainingRequirement] {
        guard let byQuiz = index[email.lowercased()] else { return [] }
        return byQuiz.values.sorted().map { requirements[$0] }
    }

    /// Completion per team (share of requirements current or due soon), sorted by team.
    public var teamCompletion: [TeamCompletion] {
        var byTeam: [String: TeamCompletion] = [:]
        for requirement in requirements {
            let team = requirement.person.team
            byTeam[team, default: TeamCompletion(team: team, required: 0, completed: 0)].required += 1
            if requirement.state.isCurrentPass { byTeam[team]!.completed += 1 }
        }
        return byTeam.values.sorted { $0.team < $1.team }
    }

    private static func index(_ requirements: [TrainingRequirement]) -> [String: [String: Int]] {
        var index: [String: [String: Int]] = [:]
        for (position, requirement) in requirements.enumerated() {
            index[requirement.person.email, default: [:]][requirement.quizID] = position
        }
        return index
    }
}
