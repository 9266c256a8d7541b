import HandbookContent

/// `training-coverage {quizzes, min_percent}`: for each listed quiz, the share of its audience
/// (active people in the roster to whom the quiz applies) holding a current pass must be at least
/// `min_percent` (exactly the minimum passes). An unknown quiz fails; an empty audience fails when
/// no roster was given and warns otherwise. With `policies`, the same for each listed policy's
/// acceptance: the share of its `acknowledge_audience` that accepted its current major version.
public struct TrainingCoverageCheck: Hashable, Sendable {
    public let quizzes: [String]
    /// Policies whose acceptance is measured.
    public let policies: [String]
    public let minPercent: Int

    public init(quizzes: [String], policies: [String] = [], minPercent: Int) {
        self.quizzes = quizzes
        self.policies = policies
        self.minPercent = minPercent
    }

    public init(params: [String: ParameterValue]) {
        self.init(
            quizzes: params.list("quizzes"), policies: params.list("policies"),
            minPercent: params.integer("min_percent"))
    }

    /// A finding per quiz, and per policy to accept, below the minimum.
    public func evaluate(quizzes known: [Quiz], policies inForce: [Policy] = [], in context: AuditContext) -> [Finding]
    {
        var findings: [Finding] = []
        for quizID in quizzes {
            guard let quiz = known.first(where: { $0.id == quizID }) else {
                findings.append(Finding(subject: quizID, status: .fail, detail: .quizUnknown(quiz: quizID)))
                continue
            }
            findings += coverage(
                of: quizID, source: quiz.sourcePath, in: context, audience: quiz.applies(to:),
                isCurrent: { context.hasCurrentPass($0, quizID: quizID) },
                below: { current, audience, missing in
                    .coverageBelow(
                        quiz: quizID, current: current, audience: audience, minPercent: minPercent, missing: missing,
                        recordsMissing: !context.hasTraining)
                })
        }
        for policyID in policies {
            guard let policy = inForce.first(where: { $0.id == policyID }), policy.acknowledge else {
                findings.append(
                    Finding(subject: policyID, status: .fail, detail: .policyNotAcceptable(policy: policyID)))
                continue
            }
            findings += coverage(
                of: policyID, source: policy.sourcePath, in: context, audience: policy.requiresAcceptance(of:),
                isCurrent: { context.hasAccepted($0, policyID: policyID) },
                below: { current, audience, missing in
                    .acceptanceBelow(
                        policy: policyID, version: policy.version.text, current: current, audience: audience,
                        minPercent: minPercent, missing: missing, recordsMissing: !context.hasTraining)
                })
        }
        return findings
    }

    /// The finding for one quiz or policy: its audience (the roster's active people it applies to) empty,
    /// or the share of them current (`isCurrent`, by email) below the minimum; none otherwise.
    private func coverage(
        of subject: String, source: String, in context: AuditContext, audience applies: (Person) -> Bool,
        isCurrent: (String) -> Bool, below: (_ current: Int, _ audience: Int, _ missing: [String]) -> FindingDetail
    ) -> [Finding] {
        let audience = (context.roster?.people ?? []).filter { $0.active && applies($0) }
        guard !audience.isEmpty else {
            let rosterMissing = context.roster == nil
            return [
                Finding(
                    subject: subject, status: rosterMissing ? .fail : .warn,
                    detail: .audienceEmpty(quiz: subject, rosterMissing: rosterMissing),
                    source: SourceLocation(path: source))
            ]
        }
        let missing = audience.filter { !isCurrent($0.email) }.map(\.email).sorted()
        let current = audience.count - missing.count
        guard current * 100 < minPercent * audience.count else { return [] }
        return [
            Finding(
                subject: subject, status: .fail, detail: below(current, audience.count, missing),
                source: SourceLocation(path: source))
        ]
    }
}
