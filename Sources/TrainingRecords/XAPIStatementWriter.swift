import HandbookContent

/// `attest training export --format xapi`: each attempt as an xAPI 1.0.3 statement.
///
/// A policy acceptance is a statement with the verb `http://activitystrea.ms/schema/1.0/accept`
/// (display "accepted", the Activity Streams verb that the ADL registry lists for accepting), the
/// policy's page as the object (named by its title), `result.completion` true, and the extensions
/// `BASE_URL/xapi/policy-versions` (the version accepted), `BASE_URL/xapi/policy-content-sha256` and
/// `BASE_URL/xapi/record-hash`; its id is the name-based UUID of `urn:attest:acceptance:HASH`.
///
/// - `id`: ``NameBasedUUID/version5(name:namespace:)`` of `urn:attest:attempt:HASH` (the record's hash), so
///   exporting again gives the same ids and an LRS ignores statements it already has;
/// - `actor`: an Agent with `mbox` `mailto:EMAIL` (and the roster name when known);
/// - `verb`: `http://adlnet.gov/expapi/verbs/passed` or `…/failed`;
/// - `object`: the Activity `BASE_URL/quizzes/ID/` (the quiz's page), type assessment, named by the quiz title;
/// - `result`: score scaled (0…1), raw, min 0, max 100, success, completion true;
/// - `timestamp`: when the attempt was recorded;
/// - `context`: the covered policies' pages as `contextActivities.other`, and the extension
///   `BASE_URL/xapi/policy-versions` mapping each policy id to the version acknowledged, plus
///   `BASE_URL/xapi/quiz-content-sha256` and `BASE_URL/xapi/record-hash`.
public struct XAPIStatementWriter: Sendable {
    /// The handbook's absolute base URL, ending in `/`.
    public let baseURL: String
    private let quizTitles: [String: String]
    /// Policy id → (URL path under the base, title).
    private let policyPages: [String: (path: String, title: String)]
    private let names: [String: String]

    /// The ADL verbs used for passing and failing attempts.
    public static let passedVerb = "http://adlnet.gov/expapi/verbs/passed"
    public static let failedVerb = "http://adlnet.gov/expapi/verbs/failed"
    public static let assessmentType = "http://adlnet.gov/expapi/activities/assessment"
    /// The verb of a policy acceptance.
    public static let acceptedVerb = "http://activitystrea.ms/schema/1.0/accept"

    /// Nil when `baseURL` is not an absolute http(s) URL (activity ids must be absolute IRIs).
    public init?(baseURL: String, quizzes: [Quiz], policies: [Policy], roster: Roster) {
        let lowered = baseURL.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"), baseURL.count > 8,
            !baseURL.contains(" ")
        else { return nil }
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        quizTitles = Dictionary(quizzes.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        var pages: [String: (path: String, title: String)] = [:]
        for policy in policies {
            var path = policy.sourcePath
            if path.hasPrefix("content/") { path.removeFirst("content/".count) }
            if path.hasSuffix(".md") { path.removeLast(".md".count) }
            pages[policy.id] = (path + "/", policy.title)
        }
        policyPages = pages
        names = Dictionary(roster.people.map { ($0.email, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// A JSON array of statements, one per line, in record order.
    public func document(_ records: [AttemptRecord]) -> String {
        guard !records.isEmpty else { return "[]\n" }
        // Statements are independent: made on every core (100,000 of them are about 165 MB).
        let statements = ParallelMap.map(records) { CanonicalJSON.serialize(statement($0)) }
        return "[\n" + statements.joined(separator: ",\n") + "\n]\n"
    }

    /// The Agent of a record.
    func actor(_ record: AttemptRecord) -> CanonicalJSON.Value {
        var actor: [String: CanonicalJSON.Value] = [
            "objectType": .string("Agent"), "mbox": .string("mailto:" + record.person),
        ]
        if let name = names[record.person], !name.isEmpty { actor["name"] = .string(name) }
        return .object(actor)
    }

    /// The statement of an acceptance.
    func acceptanceStatement(_ record: AttemptRecord) -> CanonicalJSON.Value {
        let policyID = record.acceptedPolicy?.id ?? ""
        let page = policyPages[policyID]
        return .object([
            "id": .string(Self.statementID(record)),
            "version": .string("1.0.3"),
            "actor": actor(record),
            "verb": .object(["id": .string(Self.acceptedVerb), "display": .object(["en-US": .string("accepted")])]),
            "object": .object([
                "objectType": .string("Activity"),
                "id": .string(baseURL + (page?.path ?? "policies/" + policyID + "/")),
                "definition": .object(["name": .object(["en-US": .string(page?.title ?? policyID)])]),
            ]),
            "result": .object(["completion": .bool(true)]),
            "timestamp": .string(record.recordedAt),
            "context": .object([
                "platform": .string("Attest"),
                "extensions": .object([
                    baseURL + "xapi/policy-versions": .object(record.policyVersions.mapValues { .string($0) }),
                    baseURL + "xapi/policy-content-sha256": .string(record.quizContentSHA256),
                    baseURL + "xapi/record-hash": .string(record.hash),
                ]),
            ]),
        ])
    }

    /// The statement of one record.
    public func statement(_ record: AttemptRecord) -> CanonicalJSON.Value {
        if record.kind == .acceptance { return acceptanceStatement(record) }
        let actor = actor(record)
        let verb = record.passed ? ("passed", Self.passedVerb) : ("failed", Self.failedVerb)
        let policies = CanonicalJSON.sortedKeys(record.policyVersions.keys)
        let other: [CanonicalJSON.Value] = policies.compactMap { id in
            policyPages[id].map { page in
                .object([
                    "objectType": .string("Activity"), "id": .string(baseURL + page.path),
                    "definition": .object(["name": .object(["en-US": .string(page.title)])]),
                ])
            }
        }
        var contextActivities: [String: CanonicalJSON.Value] = [:]
        if !other.isEmpty { contextActivities["other"] = .array(other) }
        var context: [String: CanonicalJSON.Value] = [
            "platform": .string("Attest"),
            "extensions": .object([
                baseURL + "xapi/policy-versions": .object(record.policyVersions.mapValues { .string($0) }),
                baseURL + "xapi/quiz-content-sha256": .string(record.quizContentSHA256),
                baseURL + "xapi/record-hash": .string(record.hash),
            ]),
        ]
        if !contextActivities.isEmpty { context["contextActivities"] = .object(contextActivities) }
        return .object([
            "id": .string(Self.statementID(record)),
            "version": .string("1.0.3"),
            "actor": actor,
            "verb": .object(["id": .string(verb.1), "display": .object(["en-US": .string(verb.0)])]),
            "object": .object([
                "objectType": .string("Activity"),
                "id": .string(baseURL + "quizzes/" + record.quizID + "/"),
                "definition": .object([
                    "type": .string(Self.assessmentType),
                    "name": .object(["en-US": .string(quizTitles[record.quizID] ?? record.quizID)]),
                ]),
            ]),
            "result": .object([
                "score": .object([
                    "scaled": .number(Self.scaled(record.scorePercent)), "raw": .integer(Int64(record.scorePercent)),
                    "min": .integer(0), "max": .integer(100),
                ]),
                "success": .bool(record.passed),
                "completion": .bool(true),
            ]),
            "timestamp": .string(record.recordedAt),
            "context": .object(context),
        ])
    }

    /// The statement id of a record.
    public static func statementID(_ record: AttemptRecord) -> String {
        NameBasedUUID.version5(
            name: (record.kind == .acceptance ? "urn:attest:acceptance:" : "urn:attest:attempt:") + record.hash)
    }

    /// A percentage as an exact decimal 0…1: 80 → `0.8`, 5 → `0.05`, 100 → `1`.
    static func scaled(_ percent: Int) -> String {
        let clamped = min(max(percent, 0), 100)
        if clamped == 100 { return "1" }
        if clamped == 0 { return "0" }
        var digits = clamped < 10 ? "0\(clamped)" : "\(clamped)"
        if digits.hasSuffix("0") { digits.removeLast() }
        return "0." + digits
    }
}
