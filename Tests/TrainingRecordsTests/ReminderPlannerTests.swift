import HandbookContent
import Testing

@testable import TrainingRecords

@Suite struct ReminderPlannerTests {
    static let settings = ReminderSettings.defaults

    @Test func stagesFollowTheSchedule() {
        func stage(_ asOf: String, due: String? = "2026-12-15", _ settings: ReminderSettings = Self.settings)
            -> String?
        {
            ReminderStage.of(due: due.map(Fixtures.date), asOf: Fixtures.date(asOf), settings: settings)?.description
        }
        #expect(stage("2026-11-30") == nil)  // 15 days before
        #expect(stage("2026-12-01") == "before-14")
        #expect(stage("2026-12-11") == "before-14")
        #expect(stage("2026-12-12") == "before-3")
        #expect(stage("2026-12-15") == "due")
        #expect(stage("2026-12-21") == "due")  // overdue 6 days: still the due stage
        #expect(stage("2026-12-22") == "overdue-7")
        #expect(stage("2026-12-29") == "overdue-14")
        #expect(stage("2026-12-01", due: nil) == "due")
        let quiet = ReminderSettings(beforeDays: [], onDueDate: false, overdueEveryDays: 0, managerAfterDays: nil)
        #expect(stage("2026-12-12", quiet) == nil)
        #expect(stage("2026-12-15", quiet) == nil)
        #expect(stage("2027-03-01", quiet) == nil)
    }

    static let roster = Roster(people: [
        Person(
            email: "ana@example.com", name: "Ana", team: "pay", startDate: Fixtures.date("2026-11-01"),
            manager: "max@example.com"),
        Person(
            email: "bo@example.com", name: "Bo", team: "pay", startDate: Fixtures.date("2026-10-03"),
            manager: "max@example.com"),
        Person(
            email: "cy@example.com", name: "Cy", active: false, startDate: Fixtures.date("2020-01-01"),
            manager: "max@example.com"),
        Person(email: "max@example.com", name: "Max", team: "pay", startDate: Fixtures.date("2020-01-01")),
        Person(
            email: "di@example.com", name: "Di", team: "ops", startDate: Fixtures.date("2020-01-03"),
            manager: "gone@example.com"),
        Person(email: "gone@example.com", name: "Gone", active: false),
    ])

    static func status(_ asOf: String, records: [AttemptRecord] = []) -> TrainingStatus {
        TrainingStatus.compute(
            quizzes: [Fixtures.quiz(id: "keys"), Fixtures.quiz(id: "sharing", policies: [], audience: ["nobody"])],
            policies: [Fixtures.policy()], roster: roster, records: records, asOf: Fixtures.date(asOf))
    }

    @Test func onePerPersonListingEveryOpenRequirementAndManagersOfLongOverdueReports() {
        // Ana due 2026-12-01 (start + 30), Bo due 2026-11-02, Max and Di long overdue; Cy inactive.
        let max = Fixtures.record(sequence: 1, person: "max@example.com", recordedAt: "2026-11-20T10:00:00.000Z")
        let plans = ReminderPlanner.plan(
            status: Self.status("2026-11-28", records: [max]), roster: Self.roster, settings: Self.settings,
            channel: "email", log: [])
        #expect(
            plans.map { "\($0.audience.rawValue):\($0.recipient.email):\($0.stage)" } == [
                "person:ana@example.com:before-3", "person:bo@example.com:overdue-21",
                "person:di@example.com:overdue-2485",
                "manager:max@example.com:manager",
            ])
        // Max passed (current): no message to him as a person; as Bo's manager, one (Bo is 26 days overdue);
        // Di's manager is inactive: nobody is told about Di.
        #expect(plans[3].requirements.map(\.person.email) == ["bo@example.com"])
        #expect(plans.allSatisfy { $0.recipient.email != "cy@example.com" })
    }

    @Test func theLedgerMakesTheSecondRunSendNothingAndANewStageSendAgain() {
        let status = Self.status("2026-11-26")
        let first = ReminderPlanner.plan(
            status: status, roster: Self.roster, settings: Self.settings, channel: "email", log: [])
        let ana = try! #require(first.first { $0.recipient.email == "ana@example.com" })
        #expect(ana.stage == .before(days: 14))  // 5 days left
        func entry(_ plan: PlannedReminder, _ state: ReminderDelivery, channel: String = "email") -> ReminderLogEntry {
            let claim = plan.claim(channel: channel)
            return ReminderLogEntry(
                channel: channel, recipient: claim.recipient, digest: claim.digest, stage: claim.stage,
                items: claim.items, state: state, claimedAt: "2026-11-26T08:00:00.000Z", finishedAt: nil,
                detail: nil, attempts: 1)
        }
        let sent = first.map { entry($0, .sent) }
        #expect(
            ReminderPlanner.plan(
                status: status, roster: Self.roster, settings: Self.settings, channel: "email", log: sent
            )
            .isEmpty)
        // Being sent by another run counts as sent; failed does not (retried, with the same digest).
        #expect(
            ReminderPlanner.plan(
                status: status, roster: Self.roster, settings: Self.settings, channel: "email",
                log: first.map { entry($0, .sending) }
            ).isEmpty)
        let retried = ReminderPlanner.plan(
            status: status, roster: Self.roster, settings: Self.settings, channel: "email",
            log: first.map { entry($0, .failed) })
        #expect(retried.map(\.digest) == first.map(\.digest))
        // Another channel has its own ledger.
        #expect(
            ReminderPlanner.plan(
                status: status, roster: Self.roster, settings: Self.settings, channel: "webhook", log: sent
            )
            .count == first.count)
        // Two days later Ana reaches before-3, and Max (due 2020-01-31) the next weekly overdue stage:
        // a new message to each of them, and to nobody else (Bo and Di stay in their stages).
        let later = ReminderPlanner.plan(
            status: Self.status("2026-11-28"), roster: Self.roster, settings: Self.settings, channel: "email", log: sent
        )
        #expect(later.map(\.recipient.email) == ["ana@example.com", "max@example.com"])
        #expect(later.first?.stage == .before(days: 3))
        #expect(later.first?.digest != ana.digest)
    }
}
