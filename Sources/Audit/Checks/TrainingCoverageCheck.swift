import HandbookContent

/// `training-coverage {quizzes, min_percent}`: for each listed quiz, the share of its audience
/// (active people in the roster to whom the quiz applies) holding a current pass must be at least
/// `min_percent` (exactly the minimum passes). An unknown quiz fails; an empty audience fails when
/// no roster was given and warns otherwise.
public struct TrainingCoverageCheck: Hashable, Sendable {
    public let quizzes: [String]
    public let minPercent: Int

    public init(quizzes: [String], minPercent: Int) {
        self.quizzes = quizzes
        self.minPercent = minPercent
    }

    public init(params: [String: ParameterValue]) {
        self.init(quizzes: params.list("quizzes"), minPercent: params.integer("min_percent"))
    }

    /// A finding per quiz below the minimum.
    public func evaluate(quizzes known: [Quiz], in context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
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
        return findings
    }
}
