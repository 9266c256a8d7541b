import HandbookContent
import Testing

@testable import Audit

@Suite struct PolicyAndTrainingCheckTests {
    typealias F = AuditFixtures

    @Test(arguments: [
        (reviewed: "2025-11-27", status: nil as Finding.Status?),  // exactly 365 days
        (reviewed: "2025-11-26", status: .fail),
    ])
    func policyReviewed(reviewed: String, status: Finding.Status?) {
        let policy = F.policy(controls: [], lastReviewed: F.date(reviewed), reviewEveryDays: 365)
        let finding = PolicyReviewedCheck().evaluate(policy, in: F.context())
        #expect(finding?.status == status)
        if status != nil {
            #expect(
                finding?.message == "last reviewed 2025-11-26, 366 days ago; review every 365 days (was due 2026-11-26)"
            )
        }
    }

    @Test func trainingCoverageBoundary() {
        // Engineering audience: alice, bob (dave is inactive). One of two current is exactly 50%.
        let quiz = F.quiz(audience: ["engineering"])
        let training = F.training(passes: [("alice@example.com", "key-handling")])
        let context = F.context(roster: F.roster, training: training)
        #expect(
            TrainingCoverageCheck(quizzes: ["key-handling"], minPercent: 50).evaluate(quizzes: [quiz], in: context)
                .isEmpty)
        let below = TrainingCoverageCheck(quizzes: ["key-handling"], minPercent: 51).evaluate(
            quizzes: [quiz], in: context)
        #expect(below.count == 1)
        #expect(
            below.first?.message
                == "50% of the audience of key-handling (1 of 2 people) hold a current pass; minimum 51%")
    }

    @Test func trainingCoverageWithMissingInputs() {
        let quiz = F.quiz()
        let check = TrainingCoverageCheck(quizzes: ["key-handling", "nope"], minPercent: 80)
        let noRoster = check.evaluate(quizzes: [quiz], in: F.context())
        #expect(noRoster.map(\.status) == [.fail, .fail])
        #expect(noRoster.first?.detail == .audienceEmpty(quiz: "key-handling", rosterMissing: true))
        #expect(noRoster.last?.detail == .quizUnknown(quiz: "nope"))
        let noRecords = check.evaluate(quizzes: [quiz], in: F.context(roster: F.roster))
        #expect(noRecords.first?.message.contains("0% of the audience of key-handling (0 of 3 people)") == true)
        #expect(noRecords.first?.message.hasSuffix("(no training records were given)") == true)
    }

    @Test func frameworkLooseness() {
        let loose = F.control(
            "KEY-ROT", "rotation-age", ["max_age_days": .integer(180)], frameworks: ["PCI DSS 8.3", "SOC 2 CC6.1"])
        let notes = FrameworkBaseline.notes(for: loose, params: loose.params)
        #expect(notes.count == 1)
        #expect(notes.first?.required == 90)
        #expect(notes.first?.message.hasPrefix("max_age_days is 180 but PCI DSS 8.3 asks for at most 90") == true)
        let strict = F.control("KEY-ROT", "rotation-age", ["max_age_days": .integer(90)], frameworks: ["PCI DSS 8.3"])
        #expect(FrameworkBaseline.notes(for: strict, params: strict.params).isEmpty)
    }

    @Test func handbookLinkFromTheAuditPage() {
        #expect(
            PolicyReference(id: "r", title: "R", sourcePath: "content/policies/keys/rotation.md").linkFromAuditPage
                == "../policies/keys/rotation/")
        #expect(
            PolicyReference(id: "r", title: "R", sourcePath: "content/policies/keys/index.md").linkFromAuditPage
                == "../policies/keys/")
    }

    @Test func failThresholds() {
        func report(_ severity: ControlSeverity, failing: Bool) -> AuditReport {
            var result = ControlResult(
                id: "C", title: "C", check: "ip-allowlist", severity: severity, params: [:], rule: "", frameworks: [],
                remediation: nil, policy: PolicyReference(id: "p", title: "P", sourcePath: "content/policies/p.md"),
                location: SourceLocation(path: "content/policies/p.md"))
            result.findings = [Finding(subject: "k", status: failing ? .fail : .warn, detail: .noIPAllowlist)]
            return AuditReport(
                asOf: F.asOf, generatedAt: "", toolVersion: "", inputs: [], policySetSHA256: "", policyCount: 1,
                keysRead: 1,
                activeKeys: 1, controls: [result])
        }
        #expect(report(.high, failing: true).fails(at: .high))
        #expect(!report(.medium, failing: true).fails(at: .high))
        #expect(report(.medium, failing: true).fails(at: .medium))
        #expect(report(.low, failing: true).fails(at: .low))
        #expect(!report(.low, failing: true).fails(at: .medium))
        #expect(!report(.high, failing: true).fails(at: .never))
        #expect(!report(.high, failing: false).fails(at: .low))  // warnings never fail the run
    }
}
