import Foundation
import GRDB
import HandbookContent
import Testing

@testable import TrainingRecords

/// Read-and-accept: acceptance records, the requirements they meet, and how they are shown.
@Suite struct AcceptanceTests {
    /// key-storage 3.1, reviewed 2026-06-01, accepted by everyone in `engineering`.
    let policy = Policy(
        id: "key-storage", title: "Storing keys", owner: "o@example.com", version: PolicyVersion("3.1")!,
        lastReviewed: Fixtures.date("2026-06-01"), reviewEveryDays: 365, sourcePath: "content/policies/keys/storage.md",
        sourceSHA256: String(repeating: "cd", count: 32), acknowledge: true, acknowledgeAudience: ["engineering"])
    let ana = Person(
        email: "ana@example.com", name: "Ana", team: "platform", groups: ["engineering"],
        startDate: Fixtures.date("2026-01-01"))
    let bo = Person(email: "bo@example.com", name: "Bo", team: "sales", groups: ["sales"])

    func record(_ sequence: Int64, version: String, at time: String, person: String = "ana@example.com")
        -> AttemptRecord
    {
        Fixtures.acceptance(person: person, version: version, recordedAt: time)
            .record(sequence: sequence, id: "id\(sequence)", recordedAt: time, previousHash: "")
    }

    func status(_ records: [AttemptRecord], on date: String, policy: Policy? = nil) -> TrainingStatus {
        TrainingStatus.compute(
            quizzes: [], policies: [policy ?? self.policy], roster: Roster(people: [ana, bo]), records: records,
            asOf: Fixtures.date(date))
    }

    @Test func onlyTheAudienceMustAcceptAndANewStarterHasTheGracePeriod() throws {
        let none = status([], on: "2026-01-20")
        #expect(none.requirements.count == 1, "bo is not in the engineering audience")
        let requirement = try #require(none.acceptanceRequirement("ana@example.com", policyID: "key-storage"))
        #expect(requirement.kind == .acceptance)
        #expect(requirement.state == .neverDone)
        #expect(requirement.due == Fixtures.date("2026-01-31"), "start date + acknowledge_within_days (30)")
        #expect(requirement.policyVersion == "3.1")
        #expect(requirement.label == "accept key-storage 3.1")
        #expect(status([], on: "2026-02-01").requirements.first?.state == .overdue)
        #expect(none.acceptanceRequirement("bo@example.com", policyID: "key-storage") == nil)
    }

    @Test func anAcceptanceCountsUntilANewMajorVersion() throws {
        let accepted = [record(1, version: "3.0", at: "2026-03-01T10:00:00.000Z")]
        let current = try #require(status(accepted, on: "2026-07-01").requirements.first)
        #expect(current.state == .current, "3.0 and 3.1 share the major version")
        #expect(current.lastPassed == Fixtures.date("2026-03-01"))
        #expect(current.expires == nil)
        #expect(status(accepted, on: "2026-07-01").hasAccepted("ANA@example.com", policyID: "key-storage"))
        // Recorded after the date: not yet.
        #expect(status(accepted, on: "2026-02-28").requirements.first?.state == .overdue)

        var four = policy
        four.version = PolicyVersion("4.0")!
        let reopened = try #require(status(accepted, on: "2026-06-20", policy: four).requirements.first)
        #expect(reopened.state == .neverDone)
        #expect(reopened.due == Fixtures.date("2026-07-01"), "last_reviewed + 30 days")
        #expect(reopened.lastPassed == nil)
        #expect(status(accepted, on: "2026-07-02", policy: four).requirements.first?.state == .overdue)
        let again = accepted + [record(2, version: "4.0", at: "2026-06-25T10:00:00.000Z")]
        #expect(status(again, on: "2026-07-02", policy: four).requirements.first?.state == .current)
    }

    @Test func acceptancesCountInTeamCompletionAndNeverAsQuizPasses() {
        let quiz = Fixtures.quiz()
        let pass = Fixtures.record(sequence: 1, recordedAt: "2026-03-01T10:00:00.000Z")
        let accepted = record(2, version: "3.1", at: "2026-03-02T10:00:00.000Z")
        let computed = TrainingStatus.compute(
            quizzes: [quiz], policies: [Fixtures.policy(), policy], roster: Roster(people: [ana, bo]),
            records: [pass, accepted], asOf: Fixtures.date("2026-04-01"))
        #expect(computed.requirements(of: "ana@example.com").map(\.label) == ["keys", "accept key-storage 3.1"])
        #expect(
            computed.teamCompletion == [
                TeamCompletion(team: "platform", required: 2, completed: 2),
                TeamCompletion(team: "sales", required: 1, completed: 0),
            ])
        // A draft policy asks nothing.
        var draft = policy
        draft.draft = true
        #expect(status([], on: "2026-04-01", policy: draft).requirements.isEmpty)
        let csv = TrainingStatusReport.render(computed, format: .csv)
        #expect(csv.contains("ana@example.com,Ana,platform,,current,2026-03-02,,,100,acceptance,key-storage,3.1\n"))
    }

    @Test func theStatusPageIsStaticEscapedAndDrawsEachTeam() throws {
        let evil = Person(
            email: "eve@example.com", name: "<img src=x onerror=alert(1)>", team: "<script>alert(1)</script>",
            groups: ["engineering"], startDate: Fixtures.date("2026-01-01"))
        let accepted = record(1, version: "3.1", at: "2026-03-02T10:00:00.000Z")
        let computed = TrainingStatus.compute(
            quizzes: [], policies: [policy], roster: Roster(people: [ana, evil]), records: [accepted],
            asOf: Fixtures.date("2026-04-01"))
        let html = TrainingStatusReport.render(computed, format: .html)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(!html.lowercased().contains("<script"), "no script, and user text escaped")
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(html.components(separatedBy: "<g class=\"team\">").count == 3, "one bar per team")
        // platform: 1 of 1 → a full bar (400 units); the other team: 0 of 1.
        #expect(html.contains(##"width="400" height="18" fill="#2e6da4" data-percent="100""##))
        #expect(html.contains(##"width="0" height="18" fill="#2e6da4" data-percent="0""##))
        #expect(html.contains("100% (1 of 1)"))
        #expect(html.contains("1 of 2 requirements held (50%)"))
        #expect(html.contains("<td>Accept key-storage version 3.1</td>"))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("href="), "no outside resource")
    }

    @Test func exportsNameTheAcceptance() throws {
        var accepted = record(1, version: "3.1", at: "2026-03-02T10:00:00.000Z")
        accepted.hash = accepted.computedHash
        let csv = AttemptCSVExport.csv([accepted])
        #expect(csv.hasSuffix(",\(accepted.hash),acceptance\n"))
        let writer = try #require(
            XAPIStatementWriter(
                baseURL: "https://handbook.example.com/", quizzes: [], policies: [policy], roster: Roster(people: [ana])
            ))
        let statement = CanonicalJSON.serialize(writer.statement(accepted))
        #expect(
            statement.contains(
                #""verb":{"display":{"en-US":"accepted"},"id":"http://activitystrea.ms/schema/1.0/accept"}"#))
        #expect(statement.contains(#""id":"https://handbook.example.com/policies/keys/storage/""#))
        #expect(statement.contains(#""en-US":"Storing keys""#))
        #expect(!statement.contains("score"))
        #expect(
            XAPIStatementWriter.statementID(accepted)
                != XAPIStatementWriter.statementID(
                    {
                        var attempt = accepted
                        attempt.kind = .attempt
                        return attempt
                    }()))
    }

    /// A records file written before acceptances existed (schema v3) opens, verifies, and its chain
    /// goes on with acceptances.
    @Test func aChainFromBeforeAcceptancesStillVerifiesAndContinues() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let path = folder.file("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try SQLiteRecordStore.migrator.migrate(queue, upTo: "v3 invitation redemptions")
        var written = Fixtures.record(sequence: 1, recordedAt: "2026-01-02T03:04:05.678Z")
        written.hash = written.computedHash
        let old = written
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO attempts (sequence, id, person, quiz_id, quiz_content_sha256, policy_versions, answers,
                        score_percent, passed, recorded_at, identity_source, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    old.sequence, old.id, old.person, old.quizID, old.quizContentSHA256,
                    CanonicalJSON.serialize(old.policyVersions), CanonicalJSON.serialize(old.answers), old.scorePercent,
                    old.passed, old.recordedAt, old.identitySource, old.previousHash, old.hash,
                ])
        }
        try queue.close()
        let store = try SQLiteRecordStore(path: path, createIfMissing: false)
        #expect(try await store.allRecords() == [old])
        #expect(try await store.verifyChain(expectedHead: old.hash).isIntact)
        let accepted = try await store.append(Fixtures.acceptance())
        #expect(accepted.previousHash == old.hash)
        #expect(try await store.verifyChain(expectedHead: old.hash).recordCount == 2)
        try store.close()
    }

    @Test func acceptancesFromAnotherSystemAreImportedOnceAndCheckedRowByRow() async throws {
        var plain = policy
        plain.id = "plain"
        plain.acknowledge = false
        let text = """
            email,policy,version,accepted_at
            Ana@Example.com,key-storage,3.0,2026-03-01
            bo@example.com,plain,1.0,2026-03-01
            nobody,ghost,x,2099-01-01

            """
        let read = CompletionImportReader.read(
            bytes: Array(text.utf8), path: "acc.csv", quizzes: [], policies: [policy, plain],
            now: UTCTimestamp(parsing: "2026-11-01T00:00:00Z")!)
        #expect(!read.isUnusable)
        #expect(read.badLines == [3, 4])
        #expect(
            read.diagnostics.map(\.description) == [
                "acc.csv:3:16: error: policy 'plain' asks for no acceptance (acknowledge: true)",
                "acc.csv:4:1: error: 'nobody' is not an email address",
                "acc.csv:4:8: error: unknown policy 'ghost'",
                "acc.csv:4:14: error: version 'x' is not a version like 2.1",
                "acc.csv:4:16: error: accepted_at '2099-01-01' is in the future",
            ])
        let acceptance = try #require(read.attempts.first)
        #expect(read.attempts.count == 1)
        #expect(acceptance.kind == .acceptance)
        #expect(acceptance.person == "ana@example.com")
        #expect(acceptance.policyVersions == ["key-storage": "3.0"])
        #expect(acceptance.identitySource == "import")
        #expect(acceptance.recordedAt == "2026-03-01T00:00:00.000Z")
        #expect(acceptance.importKey?.hasPrefix("import:") == true)

        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let store = try SQLiteRecordStore(path: folder.file("r.sqlite"))
        #expect(try await store.append(contentsOf: read.attempts).count == 1)
        #expect(try await store.append(contentsOf: read.attempts).isEmpty, "importing again adds nothing")
        let records = try await store.allRecords()
        let standing = TrainingStatus.compute(
            quizzes: [], policies: [policy], roster: Roster(people: [ana]), records: records,
            asOf: Fixtures.date("2026-04-01"))
        #expect(standing.hasAccepted("ana@example.com", policyID: "key-storage"))
        try store.close()

        let badHeader = CompletionImportReader.read(
            bytes: Array("email,policy,when\n".utf8), path: "h.csv", quizzes: [], policies: [policy])
        #expect(badHeader.isUnusable)
        #expect(badHeader.diagnostics.map(\.message).contains("missing column 'version'"))
    }
}
