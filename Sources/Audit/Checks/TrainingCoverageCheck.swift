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
        var accepting: [Finding] = []
        for policyID in policies {
            guard let policy = inForce.first(where: { $0.id == policyID }), policy.acknowledge else {
                accepting.append(
                    Finding(subject: policyID, status: .fail, detail: .policyNotAcceptable(policy: policyID)))
                continue
            }
            let audience = (context.roster?.people ?? []).filter { $0.active && policy.requiresAcceptance(of: $0) }
            guard !audience.isEmpty else {
                let rosterMissing = context.roster == nil
                accepting.append(
                    Finding(
                        subject: policyID, status: rosterMissing ? .fail : .warn,
                        detail: .audienceEmpty(quiz: policyID, rosterMissing: rosterMissing),
                        source: SourceLocation(path: policy.sourcePath)))
                continue
            }
            let missing = audience.filter { !context.hasAccepted($0.email, policyID: policyID) }.map(\.email).sorted()
            let current = audience.count - missing.count
            guard current * 100 < minPercent * audience.count else { continue }
            accepting.append(
                Finding(
                    subject: policyID, status: .fail,
                    detail: .acceptanceBelow(
                        policy: policyID, version: policy.version.text, current: current, audience: audience.count,
                        minPercent: minPercent, missing: missing, recordsMissing: !context.hasTraining),
                    source: SourceLocation(path: policy.sourcePath)))
        }
        for quizID in quizzes {
            guard let quiz = known.first(where: { $0.id == quizID }) else {
                findings.append(Finding(subject: quizID, status: .fail, detail: .quizUnknown(quiz: quizID)))
                continue
            }
            let audience = (context.roster?.people ?? []).filter { $0.active && quiz.applies(to: $0) }
            guard !audience.isEmpty else {
                let rosterMissing = context.roster == nil
                findings.append(
                    Finding(
                        subject: quizID, status: rosterMissing ? .fail : .warn,
                        detail: .audienceEmpty(quiz: quizID, rosterMissing: rosterMissing),
                        source: SourceLocation(path: quiz.sourcePath)))
                continue
            }
            let missing = audience.filter { !context.hasCurrentPass($0.email, quizID: quizID) }.map(\.email).sorted()
            let current = audience.count - missing.count
            guard current * 100 < minPercent * audience.count else { continue }
            findings.append(
                Finding(
                    subject: quizID, status: .fail,
                    detail: .coverageBelow(
                        quiz: quizID, current: current, audience: audience.count, minPercent: minPercent,
                        missing: missing, recordsMissing: !context.hasTraining),
                    source: SourceLocation(path: quiz.sourcePath)))
        }
        return findings + accepting
    }
}
