import HandbookContent
import Testing
import TrainingRecords

@Suite struct TrainingStatusTests {
    let quiz = Fixtures.quiz(validDays: 365, dueWithinDaysOfStart: 30)
    let ana = Person(email: "ana@example.com", name: "Ana", team: "platform", startDate: Fixtures.date("2025-01-01"))
    /// Passed on 2026-02-01 (UTC) at version 2.1: expires 2027-02-01.
    let pass = Fixtures.record(sequence: 1, recordedAt: "2026-02-01T23:59:59.999Z")

    private func state(
        on date: String, policy: Policy = Fixtures.policy(), people: [Person]? = nil, records: [AttemptRecord]? = nil
    ) -> TrainingRequirement? {
        let status = TrainingStatus.compute(
            quizzes: [quiz], policies: [policy], roster: Roster(people: people ?? [ana]), records: records ?? [pass],
            asOf: Fixtures.date(date))
        return status.requirements.first
    }

    @Test func aPassCountsUpToAndIncludingItsExpiryDay() throws {
        let onExpiry = try #require(state(on: "2027-02-01"))
        #expect(onExpiry.state == .dueSoon)
        #expect(onExpiry.lastPassed == Fixtures.date("2026-02-01"))
        #expect(onExpiry.expires == Fixtures.date("2027-02-01"))
        #expect(onExpiry.due == Fixtures.date("2027-02-01"))

        let dayAfter = try #require(state(on: "2027-02-02"))
        #expect(dayAfter.state == .overdue)
        #expect(dayAfter.lastPassed == nil)
        #expect(dayAfter.due == Fixtures.date("2027-02-01"), "due on the lapsed expiry date")
    }

    @Test func dueSoonStartsThirtyDaysBeforeExpiry() {
        #expect(state(on: "2027-01-01")?.state == .current, "31 days before expiry")
        #expect(state(on: "2027-01-02")?.state == .dueSoon, "30 days before expiry")
        #expect(state(on: "2026-02-01")?.state == .current, "the day of the pass")
    }

    @Test func attemptsAfterTheDateAreIgnored() {
        let before = state(on: "2026-01-31")
        #expect(before?.state == .overdue, "start 2025-01-01 + 30 days is long past")
        #expect(before?.due == Fixtures.date("2025-01-31"))
    }

    @Test func aMajorVersionChangeReopensTheRequirement() throws {
        let newMajor = Fixtures.policy(version: "3.0", lastReviewed: "2026-06-01")
        let withinGrace = try #require(state(on: "2026-07-01", policy: newMajor))
        #expect(withinGrace.state == .neverDone)
        #expect(withinGrace.due == Fixtures.date("2026-07-01"), "due_within_days_of_start after the new version")
        #expect(withinGrace.lastPassed == nil)
        #expect(state(on: "2026-07-02", policy: newMajor)?.state == .overdue)

        let retaken = Fixtures.record(
            sequence: 2, recordedAt: "2026-06-15T09:00:00.000Z", versions: ["key-rotation": "3.0"],
            previousHash: pass.hash)
        let afterRetake = try #require(state(on: "2026-07-02", policy: newMajor, records: [pass, retaken]))
        #expect(afterRetake.state == .current)
        #expect(afterRetake.lastPassed == Fixtures.date("2026-06-15"))
    }

    @Test func aMinorVersionChangeDoesNotReopen() {
        #expect(state(on: "2026-07-02", policy: Fixtures.policy(version: "2.9"))?.state == .current)
        #expect(state(on: "2026-07-02", policy: Fixtures.policy(version: "2"))?.state == .current)
    }

    @Test func aPolicyMissingFromTheAttemptDoesNotReopen() {
        let noVersions = Fixtures.record(sequence: 1, recordedAt: "2026-02-01T10:00:00.000Z", versions: [:])
        let status = state(on: "2026-07-02", policy: Fixtures.policy(version: "9.0"), records: [noVersions])
        #expect(status?.state == .current)
    }

    @Test func newStarterIsDueWithinDaysOfStart() throws {
        let starter = Person(
            email: "new@example.com", name: "New", team: "platform", startDate: Fixtures.date("2026-03-01"))
        let lastDay = try #require(state(on: "2026-03-31", people: [starter], records: []))
        #expect(lastDay.state == .neverDone)
        #expect(lastDay.due == Fixtures.date("2026-03-31"))
        #expect(state(on: "2026-04-01", people: [starter], records: [])?.state == .overdue)
    }

    @Test func noStartDateIsDueAtOnce() throws {
        let undated = Person(email: "x@example.com", name: "X")
        let requirement = try #require(state(on: "2026-03-01", people: [undated], records: []))
        #expect(requirement.state == .overdue)
        #expect(requirement.due == nil)
    }

    @Test func failedAttemptsDoNotCountAndTheLatestPassWins() {
        let failed = Fixtures.record(sequence: 2, passed: false, recordedAt: "2026-12-01T10:00:00.000Z")
        #expect(state(on: "2026-12-02", records: [failed])?.state == .overdue)
        let later = Fixtures.record(sequence: 3, recordedAt: "2026-06-01T10:00:00.000Z")
        let requirement = state(on: "2027-02-02", records: [pass, failed, later])
        #expect(requirement?.state == .current)
        #expect(requirement?.lastPassed == Fixtures.date("2026-06-01"))
    }

    @Test func onlyActivePeopleInTheAudienceAreRequired() {
        let engineersOnly = Fixtures.quiz(id: "eng", audience: ["engineering"])
        let people = [
            Person(
                email: "eng@example.com", name: "E", team: "a", groups: ["engineering"],
                startDate: Fixtures.date("2026-01-01")),
            Person(email: "ops@example.com", name: "O", team: "a", groups: ["ops"]),
            Person(email: "gone@example.com", name: "G", team: "a", groups: ["engineering"], active: false),
        ]
        let status = TrainingStatus.compute(
            quizzes: [engineersOnly, quiz], policies: [Fixtures.policy()], roster: Roster(people: people), records: [],
            asOf: Fixtures.date("2026-01-05"))
        #expect(
            status.requirements.map { "\($0.person.email)/\($0.quizID)" } == [
                "eng@example.com/eng", "eng@example.com/keys", "ops@example.com/keys",
            ])
    }

    @Test func teamCompletionAndLookups() {
        let people = [
            ana, Person(email: "bo@example.com", name: "Bo", team: "platform"),
            Person(email: "cy@example.com", name: "Cy", team: "sales"),
        ]
        let other = Fixtures.quiz(id: "phishing", policies: [])
        let records = [
            pass, Fixtures.record(sequence: 2, quiz: "phishing", recordedAt: "2026-02-02T00:00:00.000Z", versions: [:]),
            Fixtures.record(sequence: 3, person: "cy@example.com", recordedAt: "2026-02-03T00:00:00.000Z"),
        ]
        let status = TrainingStatus.compute(
            quizzes: [quiz, other], policies: [Fixtures.policy()], roster: Roster(people: people), records: records,
            asOf: Fixtures.date("2026-03-01"))
        #expect(
            status.teamCompletion == [
                TeamCompletion(team: "platform", required: 4, completed: 2),
                TeamCompletion(team: "sales", required: 2, completed: 1),
            ])
        #expect(status.teamCompletion.map(\.percent) == [50, 50])
        #expect(status.hasCurrentPass("ANA@example.com", quizID: "keys"))
        #expect(!status.hasCurrentPass("bo@example.com", quizID: "keys"))
        #expect(!status.hasCurrentPass("nobody@example.com", quizID: "keys"))
        #expect(status.requirements(of: "cy@example.com").map(\.quizID) == ["keys", "phishing"])
        #expect(TeamCompletion(team: "x", required: 3, completed: 2).percent == 66, "rounded down")
    }

    @Test func reportsRenderEveryRequirement() {
        let status = TrainingStatus.compute(
            quizzes: [quiz], policies: [Fixtures.policy()],
            roster: Roster(people: [ana, Person(email: "bo@example.com", name: "Bo, Jr.", team: "platform")]),
            records: [pass], asOf: Fixtures.date("2026-03-01"))
        let csv = TrainingStatusReport.render(status, format: .csv)
        #expect(
            csv == """
                email,name,team,quiz,state,last_passed,expires,due,team_completion_percent,requirement,policy,policy_version
                ana@example.com,Ana,platform,keys,current,2026-02-01,2027-02-01,2027-02-01,50,quiz,,
                bo@example.com,"Bo, Jr.",platform,keys,overdue,,,,50,quiz,,

                """)
        let table = TrainingStatusReport.render(status, format: .table)
        #expect(table.contains("ana@example.com  Ana"))
        #expect(table.contains("platform  2         1        50%"))
        let json = TrainingStatusReport.render(status, format: .json)
        #expect(json.hasPrefix(#"{"as_of":"2026-03-01","requirements":[{"due":"2027-02-01","email":"ana@example.com""#))
        #expect(json.contains(#""due":null,"email":"bo@example.com""#))
        #expect(json.contains(#""teams":[{"completed":1,"percent":50,"required":2,"team":"platform"}]"#))
    }
}
