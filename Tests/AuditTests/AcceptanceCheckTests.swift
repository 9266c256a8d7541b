import HandbookContent
import Testing
import TrainingRecords

@testable import Audit

/// `access-trained` and `training-coverage` with `policies`: acceptance of the current major version.
@Suite struct AcceptanceCheckTests {
    typealias F = AuditFixtures

    /// A status where `accepted` (email, policy) hold a current acceptance and `passes` (email, quiz) a pass.
    static func training(accepted: [(String, String)], passes: [(String, String)] = []) -> TrainingStatus {
        var status = F.training(passes: passes)
        status.requirements += accepted.map { email, policy in
            TrainingRequirement(
                person: F.roster.person(email) ?? Person(email: email, name: email), quizID: "", state: .current,
                lastPassed: F.asOf.adding(days: -3), expires: nil, due: nil, kind: .acceptance, policyID: policy,
                policyVersion: "3.1")
        }
        return status
    }

    static let storage = Policy(
        id: "key-storage", title: "Storage", owner: "o@example.com", version: PolicyVersion("3.1")!,
        lastReviewed: F.date("2026-06-01"), reviewEveryDays: 365, sourcePath: "content/policies/storage.md",
        acknowledge: true, acknowledgeAudience: ["engineering"])

    @Test func accessTrainedAsksForTheAcceptanceToo() {
        let status = Self.training(
            accepted: [("alice@example.com", "key-storage")],
            passes: [("alice@example.com", "key-handling"), ("bob@example.com", "key-handling")])
        let context = F.context(roster: F.roster, training: status)
        #expect(context.hasAccepted("alice@example.com", policyID: "key-storage"))
        #expect(!context.hasAccepted("alice@example.com", policyID: "key-handling"), "a quiz pass is no acceptance")
        #expect(!context.hasCurrentPass("alice@example.com", quizID: "key-storage"))
        let check = AccessTrainedCheck(quizzes: ["key-handling"], policies: ["key-storage"])
        #expect(check.check(F.key(), in: context) == nil, "alice owns it and holds both")
        let finding = check.check(F.key { $0.access = ["bob@example.com", "carol@example.com"] }, in: context)
        #expect(
            finding?.message
                == "2 of 3 people lack a current pass of key-handling or an acceptance of the current version of "
                + "key-storage: bob@example.com (acceptance of key-storage), carol@example.com")
        #expect(finding?.evidence.map(\.name) == ["people", "quizzes", "policies", "without_current_pass"])
        let onlyPolicies = AccessTrainedCheck(quizzes: [], policies: ["key-storage"])
        #expect(
            onlyPolicies.check(F.key { $0.owner = "bob@example.com" }, in: context)?.message
                == "1 of 1 person lacks an acceptance of the current version of key-storage: bob@example.com")
        // Through the catalogue, as a policy's control names it.
        let made = ControlEvaluator.make(
            check: "access-trained", params: ["policies": .list(["key-storage"])])
        guard case .key(let evaluator) = made else {
            Issue.record("access-trained is a key check")
            return
        }
        #expect(evaluator.check(F.key { $0.owner = "bob@example.com" }, in: context) != nil)
    }

    @Test func trainingCoverageMeasuresEachPolicysAudience() {
        // Audience of key-storage: alice and bob (engineering, active); dave is inactive, carol in sales.
        let status = Self.training(accepted: [("alice@example.com", "key-storage")])
        let context = F.context(roster: F.roster, training: status)
        #expect(
            TrainingCoverageCheck(quizzes: [], policies: ["key-storage"], minPercent: 50).evaluate(
                quizzes: [], policies: [Self.storage], in: context
            ).isEmpty)
        let below = TrainingCoverageCheck(quizzes: [], policies: ["key-storage"], minPercent: 51).evaluate(
            quizzes: [], policies: [Self.storage], in: context)
        #expect(below.count == 1)
        #expect(
            below.first?.message
                == "50% of the audience of policy key-storage (1 of 2 people) accepted version 3.1 (or another of "
                + "its major version); minimum 51%")
        #expect(below.first?.evidence.first { $0.name == "without_acceptance" }?.value == .list(["bob@example.com"]))
        var plain = Self.storage
        plain.acknowledge = false
        let refused = TrainingCoverageCheck(quizzes: [], policies: ["key-storage", "ghost"], minPercent: 50).evaluate(
            quizzes: [], policies: [plain], in: context)
        #expect(
            refused.map(\.detail) == [
                .policyNotAcceptable(policy: "key-storage"), .policyNotAcceptable(policy: "ghost"),
            ])
        // Quizzes come first, then policies.
        let both = TrainingCoverageCheck(quizzes: ["key-handling"], policies: ["key-storage"], minPercent: 100)
            .evaluate(quizzes: [F.quiz()], policies: [Self.storage], in: context)
        #expect(both.map(\.subject) == ["key-handling", "key-storage"])
    }
}
