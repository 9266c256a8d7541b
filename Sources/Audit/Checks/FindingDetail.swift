import HandbookContent

/// What a check found, with the numbers it found it with. Worded by ``message`` and ``evidence``.
///
/// Findings are kept by the million, so the payloads stay small: the rare, large cases are `indirect`.
public enum FindingDetail: Hashable, Sendable {
    /// Where a person stands in the roster.
    public enum RosterStanding: String, Hashable, Sendable {
        case active
        case inactive
        case notInRoster = "not_in_roster"
        /// No roster was given: nobody can be confirmed.
        case noRoster = "no_roster"
    }

    case noOwner
    case ownerNotActive(owner: String, standing: RosterStanding)
    case noRotationDate
    case rotationOverdue(lastRotated: CalendarDate, ageDays: Int, maxAgeDays: Int)
    case rotationDueSoon(lastRotated: CalendarDate, ageDays: Int, maxAgeDays: Int, warnDays: Int)
    case noUsageDate
    /// `neverUsed`: counted from created_at.
    case unused(since: CalendarDate, neverUsed: Bool, idleDays: Int, maxIdleDays: Int)
    case secretKeyForConsumer(consumer: String, type: String)
    case noIPAllowlist
    /// `entries`: those that allow every address or are wider than the bound of their family.
    indirect case ipAllowlistTooWide(entries: [String], minPrefixIPv4: Int, minPrefixIPv6: Int)
    case storageNotApproved(storage: String?, allowed: [String])
    case liveInNonprod(environment: String?, allowed: [String])
    case accessTooBroad(people: Int, maxPeople: Int, notActive: [String], rosterMissing: Bool)
    case accessNeverReviewed(maxDays: Int)
    case accessReviewOverdue(reviewed: CalendarDate, days: Int, maxDays: Int)
    case logsNeverReviewed(maxDays: Int)
    case logsReviewOverdue(reviewed: CalendarDate, days: Int, maxDays: Int)
    /// `missing`: each person without a current pass or acceptance: the email when they lack every
    /// quiz and acceptance, else "email (quiz, acceptance of policy)" naming the ones they lack.
    indirect case untrained(missing: [String], people: Int, quizzes: [String], recordsMissing: Bool, policies: [String])
    /// `seenIn`: where a leak scan saw the key, when the exposure came from one.
    indirect case exposureNotRolled(
        exposed: CalendarDate, lastRotated: CalendarDate?, days: Int, maxDays: Int, seenIn: String?)
    /// A secret a leak scan found that no inventory key accounts for.
    indirect case untrackedSecret(rule: String, place: String, sightings: Int, sha256: String)
    indirect case policyReviewOverdue(lastReviewed: CalendarDate, days: Int, everyDays: Int, due: CalendarDate)
    indirect case coverageBelow(
        quiz: String, current: Int, audience: Int, minPercent: Int, missing: [String], recordsMissing: Bool)
    case quizUnknown(quiz: String)
    case audienceEmpty(quiz: String, rosterMissing: Bool)
    /// `training-coverage` with `policies`: too few of the policy's audience accepted its current major version.
    indirect case acceptanceBelow(
        policy: String, version: String, current: Int, audience: Int, minPercent: Int, missing: [String],
        recordsMissing: Bool)
    /// A control names a policy that is not in force or asks for no acceptance.
    case policyNotAcceptable(policy: String)

    private static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

    /// The finding in words, with its numbers.
    public var message: String {
        switch self {
        case .noOwner: return "no owner"
        case .ownerNotActive(let owner, let standing):
            switch standing {
            case .active: return "owner \(owner) is active"
            case .inactive: return "owner \(owner) is inactive in the roster"
            case .notInRoster: return "owner \(owner) is not in the roster"
            case .noRoster: return "owner \(owner) cannot be confirmed active: no roster was given"
            }
        case .noRotationDate: return "no last_rotated_at or created_at: the key's age is unknown"
        case .rotationOverdue(let last, let age, let limit):
            return "last rotated \(last), \(Self.days(age)) ago; limit \(limit)"
        case .rotationDueSoon(let last, let age, let limit, let warn):
            return "last rotated \(last), \(Self.days(age)) ago; limit \(limit), due in \(Self.days(limit - age)) "
                + "(warning from \(Self.days(warn)) before)"
        case .noUsageDate: return "no last_used_at or created_at: idle time unknown"
        case .unused(let since, let never, let idle, let limit):
            return (never ? "never used since created \(since)" : "last used \(since)")
                + ", \(Self.days(idle)) ago; limit \(limit)"
        case .secretKeyForConsumer(let consumer, let type):
            return "a \(type) key used by \(consumer); this consumer must use a restricted key"
        case .noIPAllowlist: return "no IP allowlist"
        case .ipAllowlistTooWide(let entries, let ipv4, let ipv6):
            return "IP allowlist too wide: \(entries.joined(separator: ", ")); no entry may allow every address "
                + "or be wider than /\(ipv4) (IPv4) or /\(ipv6) (IPv6)"
        case .storageNotApproved(let storage, let allowed):
            return (storage.map { "stored in \($0)" } ?? "storage not recorded")
                + "; allowed: \(allowed.joined(separator: ", "))"
        case .liveInNonprod(let environment, let allowed):
            return (environment.map { "live key used in \($0)" } ?? "live key with no environment recorded")
                + "; live keys belong only in: \(allowed.joined(separator: ", "))"
        case .accessTooBroad(let people, let limit, let notActive, let rosterMissing):
            var parts: [String] = []
            if people > limit { parts.append("\(people) people have access; limit \(limit)") }
            if rosterMissing, !notActive.isEmpty {
                parts.append("no roster was given, so no one with access can be confirmed active")
            } else if !notActive.isEmpty {
                parts.append("not active in the roster: \(notActive.joined(separator: ", "))")
            }
            return parts.joined(separator: "; ")
        case .accessNeverReviewed(let limit): return "access never reviewed; limit \(limit) days"
        case .accessReviewOverdue(let reviewed, let days, let limit):
            return "access last reviewed \(reviewed), \(Self.days(days)) ago; limit \(limit)"
        case .logsNeverReviewed(let limit): return "request logs never reviewed; limit \(limit) days"
        case .logsReviewOverdue(let reviewed, let days, let limit):
            return "request logs last reviewed \(reviewed), \(Self.days(days)) ago; limit \(limit)"
        case .untrained(let missing, let people, let quizzes, let recordsMissing, let policies):
            var lacking: [String] = []
            if !quizzes.isEmpty { lacking.append("a current pass of \(quizzes.joined(separator: ", "))") }
            if !policies.isEmpty {
                lacking.append("an acceptance of the current version of \(policies.joined(separator: ", "))")
            }
            return "\(missing.count) of \(people) "
                + (people == 1 ? "person lacks" : "people lack")
                + " \(lacking.joined(separator: " or ")): \(missing.joined(separator: ", "))"
                + (recordsMissing ? " (no training records were given)" : "")
        case .exposureNotRolled(let exposed, let last, let days, let limit, let seenIn):
            let rotated = last.map { "last rotated \($0)" } ?? "never rotated"
            return "exposed \(exposed)\(seenIn.map { " (seen in \($0))" } ?? ""), \(Self.days(days)) ago, "
                + "not rolled since (\(rotated)); "
                + (limit == 0 ? "must be rolled at once" : "must be rolled within \(Self.days(limit))")
        case .untrackedSecret(let rule, let place, let sightings, _):
            return "a live key nobody tracks was found in \(place)"
                + (sightings > 1 ? " (and \(sightings - 1) other place\(sightings == 2 ? "" : "s"))" : "")
                + "; no inventory key has its secret_sha256 (rule \(rule))"
        case .policyReviewOverdue(let last, let days, let every, let due):
            return "last reviewed \(last), \(Self.days(days)) ago; review every \(every) days (was due \(due))"
        case .coverageBelow(let quiz, let current, let audience, let minimum, _, let recordsMissing):
            return "\(audience == 0 ? 0 : current * 100 / audience)% of the audience of \(quiz) "
                + "(\(current) of \(audience) people) hold a current pass; minimum \(minimum)%"
                + (recordsMissing ? " (no training records were given)" : "")
        case .acceptanceBelow(let policy, let version, let current, let audience, let minimum, _, let recordsMissing):
            return "\(audience == 0 ? 0 : current * 100 / audience)% of the audience of policy \(policy) "
                + "(\(current) of \(audience) people) accepted version \(version) (or another of its major version); "
                + "minimum \(minimum)%" + (recordsMissing ? " (no training records were given)" : "")
        case .policyNotAcceptable(let policy):
            return "policy '\(policy)' is not in force or asks for no acceptance (acknowledge: true)"
        case .quizUnknown(let quiz): return "quiz '\(quiz)' is not in the handbook"
        case .audienceEmpty(let quiz, let rosterMissing):
            return rosterMissing
                ? "no one is in the audience of \(quiz): no roster was given"
                : "no active person in the roster is in the audience of \(quiz)"
        }
    }

    /// The values behind the finding, in a fixed order.
    public var evidence: [(name: String, value: ParameterValue)] {
        switch self {
        case .noOwner: return [("owner", .string(""))]
        case .ownerNotActive(let owner, let standing):
            return [("owner", .string(owner)), ("roster", .string(standing.rawValue))]
        case .noRotationDate: return [("last_rotated_at", .string("")), ("created_at", .string(""))]
        case .rotationOverdue(let last, let age, let limit):
            return [
                ("last_rotated_at", .string(last.description)), ("age_days", .integer(age)),
                ("max_age_days", .integer(limit)),
            ]
        case .rotationDueSoon(let last, let age, let limit, let warn):
            return [
                ("last_rotated_at", .string(last.description)), ("age_days", .integer(age)),
                ("max_age_days", .integer(limit)), ("warn_days", .integer(warn)),
            ]
        case .noUsageDate: return [("last_used_at", .string("")), ("created_at", .string(""))]
        case .unused(let since, let never, let idle, let limit):
            return [
                (never ? "created_at" : "last_used_at", .string(since.description)), ("idle_days", .integer(idle)),
                ("max_idle_days", .integer(limit)),
            ]
        case .secretKeyForConsumer(let consumer, let type):
            return [("type", .string(type)), ("consumer", .string(consumer))]
        case .noIPAllowlist: return [("ip_allowlist", .list([]))]
        case .ipAllowlistTooWide(let entries, let ipv4, let ipv6):
            return [
                ("too_wide", .list(entries)), ("min_prefix_ipv4", .integer(ipv4)), ("min_prefix_ipv6", .integer(ipv6)),
            ]
        case .storageNotApproved(let storage, let allowed):
            return [("storage", .string(storage ?? "")), ("allowed", .list(allowed))]
        case .liveInNonprod(let environment, let allowed):
            return [
                ("mode", .string("live")), ("environment", .string(environment ?? "")), ("allowed", .list(allowed)),
            ]
        case .accessTooBroad(let people, let limit, let notActive, _):
            return [("people", .integer(people)), ("max_people", .integer(limit)), ("not_active", .list(notActive))]
        case .accessNeverReviewed(let limit):
            return [("access_reviewed_at", .string("")), ("max_days", .integer(limit))]
        case .accessReviewOverdue(let reviewed, let days, let limit):
            return [
                ("access_reviewed_at", .string(reviewed.description)), ("days", .integer(days)),
                ("max_days", .integer(limit)),
            ]
        case .logsNeverReviewed(let limit):
            return [("logs_reviewed_at", .string("")), ("max_days", .integer(limit))]
        case .logsReviewOverdue(let reviewed, let days, let limit):
            return [
                ("logs_reviewed_at", .string(reviewed.description)), ("days", .integer(days)),
                ("max_days", .integer(limit)),
            ]
        case .untrained(let missing, let people, let quizzes, _, let policies):
            return [("people", .integer(people)), ("quizzes", .list(quizzes))]
                + (policies.isEmpty ? [] : [("policies", ParameterValue.list(policies))])
                + [("without_current_pass", .list(missing))]
        case .exposureNotRolled(let exposed, let last, let days, let limit, let seenIn):
            return [
                ("exposed_at", .string(exposed.description)), ("last_rotated_at", .string(last?.description ?? "")),
                ("days_since_exposure", .integer(days)), ("max_days", .integer(limit)),
            ] + (seenIn.map { [("seen_in", ParameterValue.string($0))] } ?? [])
        case .untrackedSecret(let rule, let place, let sightings, let sha256):
            return [
                ("rule", .string(rule)), ("seen_in", .string(place)), ("sightings", .integer(sightings)),
                ("secret_sha256", .string(sha256)),
            ]
        case .policyReviewOverdue(let last, let days, let every, let due):
            return [
                ("last_reviewed", .string(last.description)), ("days", .integer(days)),
                ("review_every_days", .integer(every)), ("due", .string(due.description)),
            ]
        case .coverageBelow(let quiz, let current, let audience, let minimum, let missing, _):
            return [
                ("quiz", .string(quiz)), ("audience", .integer(audience)), ("current", .integer(current)),
                ("percent", .integer(audience == 0 ? 0 : current * 100 / audience)), ("min_percent", .integer(minimum)),
                ("without_current_pass", .list(missing)),
            ]
        case .acceptanceBelow(let policy, let version, let current, let audience, let minimum, let missing, _):
            return [
                ("policy", .string(policy)), ("version", .string(version)), ("audience", .integer(audience)),
                ("accepted", .integer(current)),
                ("percent", .integer(audience == 0 ? 0 : current * 100 / audience)), ("min_percent", .integer(minimum)),
                ("without_acceptance", .list(missing)),
            ]
        case .policyNotAcceptable(let policy): return [("policy", .string(policy))]
        case .quizUnknown(let quiz): return [("quiz", .string(quiz))]
        case .audienceEmpty(let quiz, _): return [("quiz", .string(quiz)), ("audience", .integer(0))]
        }
    }
}
