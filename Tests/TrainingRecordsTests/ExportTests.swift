import Foundation
import HandbookContent
import Testing
import TrainingRecords

@Suite struct ExportTests {
    let records: [AttemptRecord] = {
        let first = AttemptRecord(
            sequence: 1, id: "11111111-1111-4111-8111-111111111111", person: "ana@example.com", quizID: "keys",
            quizContentSHA256: "abc", policyVersions: ["key-rotation": "2.1", "access": "1.0"],
            answers: ["1": ["b"], "2": ["a", "c"]], scorePercent: 77, passed: true,
            recordedAt: "2026-02-01T10:00:00.123Z", identitySource: "proxy", previousHash: "", hash: "")
        var hashed = first
        hashed.hash = hashed.computedHash
        var second = AttemptRecord(
            sequence: 2, id: "22222222-2222-4222-8222-222222222222", person: "bo@example.com", quizID: "keys",
            quizContentSHA256: "abc", policyVersions: [:], answers: ["1": ["a"]], scorePercent: 5, passed: false,
            recordedAt: "2026-02-02T10:00:00.000Z", identitySource: "import", previousHash: hashed.hash, hash: "")
        second.hash = second.computedHash
        return [hashed, second]
    }()

    @Test func csvHasOneRowPerAttempt() throws {
        let csv = AttemptCSVExport.csv(records)
        var reader = CSVReader(text: csv)
        let rows = try reader.readAll()
        #expect(rows.count == 3)
        #expect(rows[0].fields == AttemptCSVExport.header)
        #expect(
            rows[1].fields == [
                "1", "11111111-1111-4111-8111-111111111111", "ana@example.com", "keys", "abc",
                "access@1.0;key-rotation@2.1",
                #"{"1":["b"],"2":["a","c"]}"#, "77", "true", "2026-02-01T10:00:00.123Z", "proxy", "", records[0].hash,
                "attempt",
            ])
        #expect(rows[2].fields[8] == "false")
        #expect(rows[2].fields[11] == records[0].hash)
    }

    private var writer: XAPIStatementWriter {
        XAPIStatementWriter(
            baseURL: "https://handbook.example.com", quizzes: [Fixtures.quiz()],
            policies: [Fixtures.policy(), Fixtures.policy(id: "access")],
            roster: Roster(people: [Person(email: "ana@example.com", name: "Ana Lima")]))!
    }

    @Test func xAPIStatementsHaveTheRequiredShape() throws {
        let document = writer.document(records)
        let parsed = try JSONSerialization.jsonObject(with: Data(document.utf8))
        let statements = try #require(parsed as? [[String: Any]])
        #expect(statements.count == 2)
        let first = statements[0]
        #expect(first["version"] as? String == "1.0.3")
        let id = try #require(first["id"] as? String)
        #expect(
            id.range(
                of: "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression
            ) != nil)
        #expect(id != statements[1]["id"] as? String)

        let actor = try #require(first["actor"] as? [String: Any])
        #expect(actor["objectType"] as? String == "Agent")
        #expect(actor["mbox"] as? String == "mailto:ana@example.com")
        #expect(actor["name"] as? String == "Ana Lima")
        #expect((statements[1]["actor"] as? [String: Any])?["name"] == nil, "no name outside the roster")

        let verb = try #require(first["verb"] as? [String: Any])
        #expect(verb["id"] as? String == "http://adlnet.gov/expapi/verbs/passed")
        #expect((verb["display"] as? [String: String])?["en-US"] == "passed")
        #expect((statements[1]["verb"] as? [String: Any])?["id"] as? String == "http://adlnet.gov/expapi/verbs/failed")

        let object = try #require(first["object"] as? [String: Any])
        #expect(object["objectType"] as? String == "Activity")
        #expect(object["id"] as? String == "https://handbook.example.com/quizzes/keys/")
        let definition = try #require(object["definition"] as? [String: Any])
        #expect((definition["name"] as? [String: String])?["en-US"] == "Quiz keys")

        let result = try #require(first["result"] as? [String: Any])
        let score = try #require(result["score"] as? [String: Any])
        #expect((score["scaled"] as? NSNumber)?.doubleValue == 0.77)
        #expect((score["raw"] as? NSNumber)?.intValue == 77)
        #expect((score["min"] as? NSNumber)?.intValue == 0)
        #expect((score["max"] as? NSNumber)?.intValue == 100)
        #expect(result["success"] as? Bool == true)
        #expect(result["completion"] as? Bool == true)
        #expect(
            ((statements[1]["result"] as? [String: Any])?["score"] as? [String: Any])?["scaled"] as? NSNumber == 0.05)

        #expect(first["timestamp"] as? String == "2026-02-01T10:00:00.123Z")
        let context = try #require(first["context"] as? [String: Any])
        let extensions = try #require(context["extensions"] as? [String: Any])
        #expect(
            extensions["https://handbook.example.com/xapi/policy-versions"] as? [String: String]
                == ["key-rotation": "2.1", "access": "1.0"])
        let other = try #require((context["contextActivities"] as? [String: Any])?["other"] as? [[String: Any]])
        #expect(
            other.compactMap { ($0["definition"] as? [String: Any])?["name"] as? [String: String] }
                == [["en-US": "Policy access"], ["en-US": "Policy key-rotation"]])
        #expect(
            other.compactMap { $0["id"] as? String } == [
                "https://handbook.example.com/policies/keys/access/",
                "https://handbook.example.com/policies/keys/key-rotation/",
            ])
    }

    @Test func statementIDsAreStable() {
        #expect(writer.document(records) == writer.document(records))
        #expect(XAPIStatementWriter.statementID(records[0]) == XAPIStatementWriter.statementID(records[0]))
        // RFC 4122 appendix B's example: the version 5 UUID of "www.example.com" in the DNS namespace.
        let dns: [UInt8] = [
            0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
        ]
        #expect(
            NameBasedUUID.version5(name: "www.example.com", namespace: dns) == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }

    @Test func aRelativeBaseURLIsRefused() {
        #expect(XAPIStatementWriter(baseURL: "/", quizzes: [], policies: [], roster: .empty) == nil)
        #expect(XAPIStatementWriter(baseURL: "handbook.example.com", quizzes: [], policies: [], roster: .empty) == nil)
        #expect(writer.document([]) == "[]\n")
    }
}
