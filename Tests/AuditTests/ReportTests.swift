import Foundation
import HandbookContent
import Testing

@testable import Audit

@Suite struct ReportTests {
    typealias F = AuditFixtures

    static let inventory = """
        id,type,mode,owner,last_rotated_at,environment,access,storage
        pay-1,secret,live,alice@example.com,2026-09-11,production,bob@example.com,kms
        pay-2,secret,live,,2026-11-01,staging,,plaintext
        pay-3,restricted,test,dave@example.com,2026-11-01,development,,vault

        """

    static let policies = [
        F.policy(controls: [
            F.control("KEY-OWNER", "owner-assigned", line: 8),
            F.control("KEY-OWNER-ACTIVE", "owner-active", severity: .medium, line: 12),
            F.control(
                "KEY-ROTATION", "rotation-age", ["max_age_days": .integer(100), "warn_days": .integer(30)],
                frameworks: ["PCI DSS 8.3.9"], line: 16),
            F.control("KEY-NONPROD", "no-live-in-nonprod", severity: .low, line: 22),
            F.control(
                "KEY-TRAINED", "access-trained", ["quizzes": .list(["key-handling"])], severity: .medium, line: 26),
        ]),
        F.policy(
            "reviews", controls: [F.control("POL-REVIEW", "policy-reviewed", severity: .low, policyID: "reviews")]),
        F.policy("future", controls: [F.control("DRAFT-CTRL", "ip-allowlist", policyID: "future")], draft: true),
    ]

    static func report(generatedAt: String = "2026-11-27T12:00:00Z", history: [HistoryEntry]? = nil) throws
        -> AuditReport
    {
        let outcome = F.run(
            [("content/data/keys.csv", inventory)], policies: policies, quizzes: [F.quiz()],
            configuration: F.configuration(generatedAt: generatedAt, history: history))
        #expect(outcome.diagnostics.isEmpty)
        return try #require(outcome.report)
    }

    @Test func controlsStatusesAndMissingInputs() throws {
        let report = try Self.report()
        #expect(
            report.controls.map(\.id) == [
                "KEY-OWNER", "KEY-OWNER-ACTIVE", "KEY-ROTATION", "KEY-NONPROD", "KEY-TRAINED", "POL-REVIEW",
            ])
        #expect(report.controls.map(\.status) == [.fail, .fail, .warn, .fail, .fail, .pass])
        #expect(
            report.controls[2].findings.map(\.message) == [
                "last rotated 2026-09-11, 77 days ago; limit 100, due in 23 days (warning from 30 days before)"
            ])
        #expect(report.controls[2].findings.map(\.status) == [.warn])
        #expect(report.controls[4].findings.map(\.subject) == ["pay-1", "pay-3"])
        #expect(report.missingInputs == [MissingInput(input: "records", neededBy: ["KEY-TRAINED"])])
        #expect(report.frameworkNotes.map(\.controlID) == ["KEY-ROTATION"])
        #expect(report.summary.failedBySeverity == [.high: 1, .medium: 2, .low: 1])
        #expect(report.policySetSHA256 == AuditRunner.policySetSHA256(Self.policies))
        #expect(report.policySetSHA256.count == 64)
    }

    @Test func jsonIsByteIdenticalButForGeneratedAt() throws {
        let first = JSONReportWriter().render(try Self.report(generatedAt: "2026-11-27T12:00:00Z"))
        let second = JSONReportWriter().render(try Self.report(generatedAt: "2026-11-28T09:30:00Z"))
        #expect(first != second)
        #expect(first == second.replacingOccurrences(of: "2026-11-28T09:30:00Z", with: "2026-11-27T12:00:00Z"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(object["as_of"] as? String == "2026-11-27")
        #expect(object["tool_version"] as? String == "0.1.0-test")
        let inputs = try #require(object["inputs"] as? [[String: Any]])
        #expect(inputs.first?["sha256"] as? String == FileDigest.sha256(of: Array(Self.inventory.utf8)))
        #expect(inputs.first?["rows"] as? Int == 3)
        let controls = try #require(object["controls"] as? [[String: Any]])
        let rotation = try #require(controls.first { $0["id"] as? String == "KEY-ROTATION" })
        #expect((rotation["params"] as? [String: Any])?["max_age_days"] as? Int == 100)
        let findings = try #require(rotation["findings"] as? [[String: Any]])
        #expect((findings.first?["evidence"] as? [String: Any])?["age_days"] as? Int == 77)
    }

    /// A finding's JSON line: every field of the report's shape, escaped, on one line.
    @Test func findingsRenderAsOneLineOfJSON() throws {
        let findings = [
            Finding(subject: "k\"1", status: .fail, detail: .noOwner, source: SourceLocation(path: "a.csv", line: 3)),
            Finding(
                subject: "k2", status: .warn, detail: .storageNotApproved(storage: nil, allowed: ["kms", "vault"]),
                extraColumns: ["team": "pay\nments", "a": ""]),
            Finding(
                subject: "k3", status: .fail,
                detail: .accessTooBroad(people: 0, maxPeople: 1, notActive: [], rosterMissing: true)),
        ]
        let lines = findings.map { finding in
            var buffer = JSONByteBuffer()
            JSONReportWriter.render(finding, into: &buffer)
            return buffer.string
        }
        #expect(
            lines == [
                #"{"subject": "k\"1", "status": "fail", "message": "no owner", "evidence": {"owner": ""}, "columns": {}, "source": {"path": "a.csv", "line": 3}}"#,
                #"{"subject": "k2", "status": "warn", "message": "storage not recorded; allowed: kms, vault", "evidence": {"storage": "", "allowed": ["kms", "vault"]}, "columns": {"a": "", "team": "pay\nments"}, "source": null}"#,
                #"{"subject": "k3", "status": "fail", "message": "", "evidence": {"people": 0, "max_people": 1, "not_active": []}, "columns": {}, "source": null}"#,
            ])
        for (line, finding) in zip(lines, findings) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["subject"] as? String == finding.subject)
            #expect(object["message"] as? String == finding.message)
        }
    }

    @Test func sarifIsValidAgainstTheSchema() throws {
        let sarif = SARIFReportWriter().render(try Self.report())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 7)
        #expect(
            Set(results.compactMap { $0["ruleId"] as? String }) == [
                "KEY-OWNER", "KEY-OWNER-ACTIVE", "KEY-ROTATION", "KEY-NONPROD", "KEY-TRAINED",
            ])
        #expect(results.compactMap { $0["level"] as? String }.contains("warning"))
        let validation = try Self.validateSARIF(sarif)
        #expect(validation.valid, "\(validation.output)")
    }

    /// The schema check is real: a SARIF log with a level the schema does not allow and no version fails it.
    @Test func sarifSchemaRejectsABrokenLog() throws {
        let sarif = SARIFReportWriter().render(try Self.report())
        var object = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        object["version"] = nil
        var runs = try #require(object["runs"] as? [[String: Any]])
        var results = try #require(runs[0]["results"] as? [[String: Any]])
        results[0]["level"] = "fatal"
        runs[0]["results"] = results
        object["runs"] = runs
        let broken = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let validation = try Self.validateSARIF(broken)
        #expect(!validation.valid)
        #expect(validation.output.contains("'version' is a required property"), "\(validation.output)")
        #expect(validation.output.contains("'fatal' is not one of"), "\(validation.output)")
    }

    /// Paths with spaces, `#` or a colon are URI references in SARIF (percent-encoded).
    @Test func sarifStaysValidForAnyPath() throws {
        var report = try Self.report()
        report.inputs[0].path = "content/data/key inventory (2026) #1.csv"
        report.controls[0].location.path = "v2:policies/key management.md"
        let sarif = SARIFReportWriter().render(report)
        let validation = try Self.validateSARIF(sarif)
        #expect(validation.valid, "\(validation.output)")
        #expect(sarif.contains(#""uri": "content/data/key%20inventory%20(2026)%20%231.csv""#))
        #expect(sarif.contains(#""uri": "v2%3Apolicies/key%20management.md""#))
    }

    @Test func junitHasATestcasePerControlAndAFailurePerFailingControl() throws {
        let report = try Self.report()
        let junit = try JUnitShape(JUnitReportWriter().render(report))
        #expect(junit.problems.isEmpty, "\(junit.problems)")
        let suite = try #require(junit.suites.first)
        #expect(junit.suites.count == 1)
        #expect(suite.name == "attest audit as of 2026-11-27")
        #expect(
            suite.testCases.map(\.name) == report.controls.map { "\($0.id): \($0.title)" })
        #expect(suite.testCases.map(\.className) == report.controls.map(\.policy.id))
        #expect(suite.testCases.map { $0.failure != nil } == report.controls.map { $0.status == .fail })
        #expect(suite.testCases.count { $0.failure != nil } == 4)
        let owner = try #require(suite.testCases[0].failure)
        #expect(owner.type == "high")
        #expect(owner.message.hasPrefix("1 failing finding: "))
        #expect(owner.text.hasPrefix("pay-2: "))
        #expect(suite.testCases[2].failure == nil)
        #expect(suite.testCases[2].systemOut?.hasPrefix("warning: pay-1: last rotated 2026-09-11") == true)
        #expect(suite.properties["policy_set_sha256"] == report.policySetSHA256)
        #expect(suite.properties["as_of"] == "2026-11-27")
        #expect(
            suite.properties["input:content/data/keys.csv"]
                == "sha256:\(FileDigest.sha256(of: Array(Self.inventory.utf8))) rows:3")
    }

    /// Markup in titles, ids and findings stays text: the document is still well-formed and in shape.
    @Test func junitEscapesMarkupAndStaysInShape() throws {
        var report = try Self.report()
        report.controls[0].title = "<testcase name=\"x\"/> & ]]> 'quoted'\nsecond line"
        report.controls[0].findings[0].subject = "</failure><error/>"
        let junit = try JUnitShape(JUnitReportWriter().render(report))
        #expect(junit.problems.isEmpty, "\(junit.problems)")
        let testCase = try #require(junit.suites.first?.testCases.first)
        // An attribute's line break reads back as a space (XML attribute value normalisation).
        #expect(testCase.name == "KEY-OWNER: <testcase name=\"x\"/> & ]]> 'quoted' second line")
        #expect(testCase.failure?.text.hasPrefix("</failure><error/>: ") == true)
    }

    /// The shape check is real: wrong counts, missing attributes and stray elements are reported, and
    /// text that is not XML is an error.
    @Test func junitShapeRejectsBrokenReports() throws {
        let xml = JUnitReportWriter().render(try Self.report())
        let wrongCount = try JUnitShape(xml.replacingOccurrences(of: "failures=\"4\"", with: "failures=\"3\""))
        #expect(
            wrongCount.problems == [
                "<testsuite name=\"attest audit as of 2026-11-27\"> failures says 3, the document holds 4",
                "<testsuites failures> says 3, the document holds 4",
            ])
        let noClassName = try JUnitShape(xml.replacingOccurrences(of: "classname=\"reviews\" ", with: ""))
        #expect(noClassName.problems == ["<testcase> has no classname attribute"])
        let stray = try JUnitShape(
            xml.replacingOccurrences(
                of: "</testsuite>", with: "<testcase name=\"x\" classname=\"y\"><oops/></testcase></testsuite>"))
        #expect(
            stray.problems == [
                "<testcase name=\"x\"> holds an unexpected <oops>",
                "<testsuite name=\"attest audit as of 2026-11-27\"> tests says 6, the document holds 7",
                "<testsuites tests> says 6, the document holds 7",
            ])
        #expect(throws: JUnitShape.NotWellFormed.self) {
            try JUnitShape(xml.replacingOccurrences(of: "</testsuites>", with: ""))
        }
        #expect(throws: JUnitShape.NotWellFormed.self) {
            try JUnitShape(xml.replacingOccurrences(of: "KEY-OWNER title", with: "KEY-OWNER <title>"))
        }
    }

    @Test func oscalHasAFindingPerControlWithDeterministicUUIDs() throws {
        let first = OSCALReportWriter().render(try Self.report())
        let again = OSCALReportWriter().render(try Self.report(generatedAt: "2026-12-01T00:00:00Z"))
        #expect(first == again.replacingOccurrences(of: "2026-12-01T00:00:00Z", with: "2026-11-27T12:00:00Z"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let document = try #require(object["assessment-results"] as? [String: Any])
        let result = try #require((document["results"] as? [[String: Any]])?.first)
        let findings = try #require(result["findings"] as? [[String: Any]])
        #expect(findings.count == 6)
        let states = findings.compactMap {
            (($0["target"] as? [String: Any])?["status"] as? [String: Any])?["state"] as? String
        }
        #expect(
            states == ["not-satisfied", "not-satisfied", "satisfied", "not-satisfied", "not-satisfied", "satisfied"])
        let uuid = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        for finding in findings { #expect((finding["uuid"] as? String)?.wholeMatch(of: uuid) != nil) }
        #expect(Set(findings.compactMap { $0["uuid"] as? String }).count == 6)
    }

    @Test func oscalIsValidAgainstTheOSCALModels() throws {
        let validation = try Self.validateOSCAL(OSCALReportWriter().render(try Self.report()))
        #expect(validation.valid, "\(validation.output)")
    }

    /// What a handbook may hold and OSCAL's token and line types do not: a control id that starts with a
    /// digit, a title over several lines, a policy title with markup, an input path with spaces.
    @Test func oscalStaysValidForAnyControlIdTitleAndInputPath() throws {
        var report = try Self.report()
        report.controls[0].id = "2FA-KEYS"
        report.controls[0].title = "Keys are rolled\non schedule <b>&</b>"
        report.controls[1].title = "  padded  "
        report.inputs[0].path = "content/data/key inventory (2026).csv "
        let oscal = OSCALReportWriter().render(report)
        let validation = try Self.validateOSCAL(oscal)
        #expect(validation.valid, "\(validation.output)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(oscal.utf8)) as? [String: Any])
        let document = try #require(object["assessment-results"] as? [String: Any])
        let result = try #require((document["results"] as? [[String: Any]])?.first)
        let finding = try #require((result["findings"] as? [[String: Any]])?.first)
        #expect(finding["title"] as? String == "2FA-KEYS: Keys are rolled on schedule <b>&</b>")
        let target = try #require(finding["target"] as? [String: Any])
        #expect(target["target-id"] as? String == "_2FA-KEYS")
    }

    /// A handbook whose policies declare no control: OSCAL lists may not be empty, so there are none.
    @Test func oscalIsValidWithoutControls() throws {
        var report = try Self.report()
        report.controls = []
        report.inputs = []
        let validation = try Self.validateOSCAL(OSCALReportWriter().render(report))
        #expect(validation.valid, "\(validation.output)")
    }

    /// The OSCAL check is real: a result without its reviewed controls, a finding with a malformed UUID
    /// and an unknown field each fail it.
    @Test func oscalValidationRejectsABrokenDocument() throws {
        let oscal = OSCALReportWriter().render(try Self.report())
        var object = try #require(try JSONSerialization.jsonObject(with: Data(oscal.utf8)) as? [String: Any])
        var document = try #require(object["assessment-results"] as? [String: Any])
        var results = try #require(document["results"] as? [[String: Any]])
        results[0]["reviewed-controls"] = nil
        var findings = try #require(results[0]["findings"] as? [[String: Any]])
        findings[0]["uuid"] = "not-a-uuid"
        findings[1]["severity"] = "high"
        results[0]["findings"] = findings
        document["results"] = results
        object["assessment-results"] = document
        let broken = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let validation = try Self.validateOSCAL(broken)
        #expect(!validation.valid)
        #expect(validation.output.contains("reviewed-controls"), "\(validation.output)")
        #expect(validation.output.contains("findings.0.uuid"), "\(validation.output)")
        #expect(validation.output.contains("findings.1.severity"), "\(validation.output)")
    }

    @Test func htmlIsSelfContainedEscapedAndLinked() throws {
        var report = try Self.report(history: [
            HistoryEntry(
                asOf: F.date("2026-10-27"), generatedAt: "x", passed: 1, warned: 0, failed: 5, failFindings: 9,
                warnFindings: 0)
        ])
        report.controls[0].title = "<script>alert(1)</script>"
        let html = HTMLReportWriter().render(report)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("href=\"../policies/keys/key-management/\""))
        #expect(html.contains("<svg"))
        #expect(html.contains("Trend"))
        #expect(html.contains("@media print"))
        #expect(
            !html.contains("src=") && !html.contains("<link") && !html.contains("<script") && !html.contains("url("))
        #expect(html.contains("last rotated 2026-09-11, 77 days ago; limit 100"))
        #expect(html.contains("Fix KEY-OWNER."))
    }

    @Test func csvHasARowPerFindingAndMarkdownNamesTheInputs() throws {
        let report = try Self.report()
        let csv = CSVReportWriter().render(report)
        var reader = CSVReader(text: csv)
        let records = try reader.readAll()
        #expect(records.count == 1 + report.summary.findings.fail + report.summary.findings.warn)
        #expect(records.allSatisfy { $0.fields.count == CSVReportWriter.header.count })
        let markdown = MarkdownReportWriter().render(report)
        #expect(markdown.contains(report.policySetSHA256))
        #expect(markdown.contains(FileDigest.sha256(of: Array(Self.inventory.utf8))))
    }

    @Test func unknownCheckOrBadParameterIsAnErrorAtTheControl() {
        let policies = [
            F.policy(controls: [
                F.control("BAD-CHECK", "rotation-agee", line: 7),
                F.control("BAD-PARAM", "rotation-age", ["max_age_days": .string("ninety")], line: 11),
            ])
        ]
        let outcome = F.run([("k.csv", "id\nk\n")], policies: policies)
        #expect(outcome.report == nil)
        #expect(outcome.diagnostics.map { $0.location?.line } == [7, 11])
    }

    @Test func writesEveryFormatAtomicallyAndAppendsHistory() throws {
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try Self.report()
        let written = try ReportDirectoryWriter.write(
            report, formats: ReportFormat.allCases, to: directory.appendingPathComponent("audit").path)
        #expect(written.count == 7)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("audit").path)
            .sorted()
        #expect(names == ReportFormat.allCases.map(\.fileName).sorted())
        let history = directory.appendingPathComponent("history.jsonl").path
        try AuditHistory.append(HistoryEntry(report), to: history)
        try AuditHistory.append(HistoryEntry(report), to: history)
        let (entries, diagnostics) = AuditHistory.parse(
            try String(contentsOfFile: history, encoding: .utf8), path: "history.jsonl")
        #expect(diagnostics.isEmpty)
        #expect(entries.count == 2)
        #expect(entries.first?.failed == 4)
        #expect(AuditHistory.parse("{\"as_of\": \"2026-01-01\"}\n", path: "h").diagnostics.first?.location?.line == 1)
    }

    /// Validates `sarif` against the SARIF 2.1.0 schema in shared/schemas (jsonschema).
    static func validateSARIF(_ sarif: String) throws -> (valid: Bool, output: String) {
        let schema = try SharedFolder.file("schemas/sarif-schema-2.1.0.json")
        return try withTemporaryFile(sarif, named: "report.sarif") {
            try PythonValidator.jsonSchema.validate([schema.path, $0.path])
        }
    }

    /// Validates `oscal` with compliance-trestle's OSCAL assessment-results model.
    static func validateOSCAL(_ oscal: String) throws -> (valid: Bool, output: String) {
        try withTemporaryFile(oscal, named: "oscal-assessment-results.json") {
            try PythonValidator.oscalAssessmentResults.validate([$0.path])
        }
    }

    static func withTemporaryFile<T>(_ text: String, named name: String, _ body: (URL) throws -> T) throws -> T {
        let directory = try F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try body(file)
    }
}
