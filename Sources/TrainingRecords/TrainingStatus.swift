import HandbookContent

/// Everyone's training standing on a date: the output of ``TrainingStatus/compute(quizzes:policies:roster:records:asOf:)``.
public struct TrainingStatus: Hashable, Sendable {
    /// How many days before expiry a pass counts as due soon.
    public static let dueSoonDays = 30

    /// The date the standing is computed for.
    public var asOf: CalendarDate
    /// Active people × the quizzes whose audience includes them, then × the policies they must
    /// accept; sorted by email, quizzes before acceptances, then by quiz or policy id.
    public var requirements: [TrainingRequirement] {
        didSet { (index, acceptanceIndex) = Self.index(requirements) }
    }
    /// Email → quiz id → position in `requirements`, for fast look-ups.
    private var index: [String: [String: Int]]
    /// Email → policy id → position of the acceptance requirement in `requirements`.
    private var acceptanceIndex: [String: [String: Int]]

    public init(asOf: CalendarDate, requirements: [TrainingRequirement]) {
        self.asOf = asOf
        self.requirements = requirements
        (index, acceptanceIndex) = Self.index(requirements)
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
    /// - Acceptances: every policy in `policies` with `acknowledge: true` (not a draft) is required of
    ///   the active people in its `acknowledge_audience`. An acceptance recorded up to `asOf` counts
    ///   while its version has the policy's current major version (``RequirementState/current``; an
    ///   acceptance never expires otherwise, so never due soon). Without one: due on start_date +
    ///   `acknowledge_within_days` for someone who never accepted (no start date: due at once), and
    ///   `acknowledge_within_days` after the policy's `last_reviewed` when only an older major
    ///   version was accepted; overdue past that.
    public static func compute(
        quizzes: [Quiz], policies: [Policy], roster: Roster, records: [AttemptRecord], asOf: CalendarDate
    ) -> TrainingStatus {
        let quizIDs = Set(quizzes.map(\.id))
        // Passing attempts up to asOf, by person and quiz.
        var passes: [String: [String: [AttemptRecord]]] = [:]
        for record in records where record.passed && record.kind == .attempt && quizIDs.contains(record.quizID) {
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
        // Acceptances up to asOf, by person and policy: the dates and versions accepted.
        var accepted: [String: [String: [(date: CalendarDate, version: String)]]] = [:]
        for record in records {
            guard let (policyID, version) = record.acceptedPolicy,
                let recorded = UTCTimestamp(parsing: record.recordedAt)?.date, recorded <= asOf
            else { continue }
            accepted[record.person, default: [:]][policyID, default: []].append((recorded, version))
        }
        let toAccept = policies.filter { $0.acknowledge && !$0.draft }.sorted { $0.id < $1.id }
        if !toAccept.isEmpty {
            for person in roster.people where person.active {
                for policy in toAccept where policy.requiresAcceptance(of: person) {
                    requirements.append(
                        acceptance(
                            person: person, policy: policy, accepted: accepted[person.email]?[policy.id] ?? [],
                            asOf: asOf))
                }
            }
        }
        requirements.sort {
            ($0.person.email, $0.kind == .quiz ? 0 : 1, $0.subject)
                < ($1.person.email, $1.kind == .quiz ? 0 : 1, $1.subject)
        }
        return TrainingStatus(asOf: asOf, requirements: requirements)
    }

    private static func acceptance(
        person: Person, policy: Policy, accepted: [(date: CalendarDate, version: String)], asOf: CalendarDate
    ) -> TrainingRequirement {
        let current = policy.version.major
        let counting = accepted.filter { PolicyVersion($0.version)?.major == current }.map(\.date).max()
        if let counting {
            return TrainingRequirement(
                person: person, quizID: "", state: .current, lastPassed: counting, expires: nil, due: nil,
                kind: .acceptance, policyID: policy.id, policyVersion: policy.version.text)
        }
        // Re-opened by a new major version, or never accepted.
        let due =
            accepted.isEmpty
            ? person.startDate?.adding(days: policy.acknowledgeWithinDays)
            : policy.lastReviewed.adding(days: policy.acknowledgeWithinDays)
        let state: RequirementState = due.map { asOf > $0 } ?? true ? .overdue : .neverDone
        return TrainingRequirement(
            person: person, quizID: "", state: state, lastPassed: nil, expires: nil, due: due, kind: .acceptance,
            policyID: policy.id, policyVersion: policy.version.text)
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

    /// Whether `email` has accepted the current major version of `policyID` on the status date.
    public func hasAccepted(_ email: String, policyID: String) -> Bool {
        acceptanceRequirement(email, policyID: policyID)?.state.isCurrentPass ?? false
    }

    /// The acceptance requirement of `email` for `policyID`, if it is required of them.
    public func acceptanceRequirement(_ email: String, policyID: String) -> TrainingRequirement? {
        acceptanceIndex[email.lowercased()]?[policyID].map { requirements[$0] }
    }

    /// The requirements of `email`: quizzes by id, then acceptances by policy id.
    public func requirements(of email: String) -> [TrainingRequirement] {
        let email = email.lowercased()
        let positions = Array((index[email] ?? [:]).values) + Array((acceptanceIndex[email] ?? [:]).values)
        return positions.sorted().map { requirements[$0] }
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

    private static func index(_ requirements: [TrainingRequirement]) -> (
        quizzes: [String: [String: Int]], acceptances: [String: [String: Int]]
    ) {
        var index: [String: [String: Int]] = [:]
        var acceptances: [String: [String: Int]] = [:]
        for (position, requirement) in requirements.enumerated() {
            switch requirement.kind {
            case .quiz: index[requirement.person.email, default: [:]][requirement.quizID] = position
            case .acceptance: acceptances[requirement.person.email, default: [:]][requirement.policyID] = position
            }
        }
        return (index, acceptances)
    }
}
