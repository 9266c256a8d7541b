import Foundation
import HandbookContent
import Secrets
import Testing

@testable import Scan

@Suite struct ScanReportTests {
    static func plantedReport() throws -> (ScanReport, PlantedRepository) {
        let repository = try PlantedRepository()
        let (report, diagnostics) = SecretScanner(
            catalogue: .builtIn, toolVersion: "test", generatedAt: "2026-11-27T00:00:00Z"
        ).run([SecretScanner.Target(path: "repo", url: repository.url, history: true)])
        #expect(!diagnostics.hasErrors)
        return (try #require(report), repository)
    }

    @Test func noReportHoldsASecret() throws {
        let (report, repository) = try Self.plantedReport()
        defer { repository.remove() }
        for format in ScanReportFormat.allCases {
            let text = String(decoding: format.render(report), as: UTF8.self)
            for key in [
                repository.deleted, repository.renamed, repository.bundled, repository.minified, repository.allowed,
            ] {
                #expect(!text.contains(key), "\(format) holds \(key.prefix(8))…")
                #expect(!text.contains(String(key.dropFirst(8).prefix(12))), "\(format)")
            }
        }
    }

    @Test func jsonReportReadsBackAsTheSameFindings() throws {
        let (report, repository) = try Self.plantedReport()
        defer { repository.remove() }
        let (findings, diagnostics) = ScanReportReader.read(bytes: ScanReportFormat.json.render(report), path: "r.json")
        #expect(diagnostics.isEmpty)
        #expect(findings?.map(\.fingerprint) == report.findings.map(\.fingerprint))
        #expect(findings?.map(\.sha256) == report.findings.map(\.sha256))
        #expect(findings?.map(\.seenAt) == report.findings.map(\.seenAt))
        #expect(findings?.map(\.stillAtHead) == report.findings.map(\.stillAtHead))
        let json = try JSONSerialization.jsonObject(with: Data(ScanReportFormat.json.render(report))) as? [String: Any]
        #expect(json?["format_version"] as? Int == 1)
    }

    @Test func malformedBaselinesAreLocatedDiagnostics() {
        let broken = ScanReportReader.read(
            bytes: Array("{\n  \"format_version\": 1,\n  \"findings\": [\n    {,}\n".utf8), path: "b.json")
        #expect(broken.findings == nil)
        #expect(broken.diagnostics.first?.description.hasPrefix("b.json:4:") == true, "\(broken.diagnostics)")
        let other = ScanReportReader.read(bytes: Array("{\"findings\": []}".utf8), path: "b.json")
        #expect(
            other.diagnostics.map(\.description) == [
                "b.json:1:1: error: not a scan report of attest: no 'format_version'"
            ])
        let incomplete = ScanReportReader.read(
            bytes: Array(
                "{\"format_version\": 1, \"summary\": {\"findings\": 1},\n\"findings\": [\n{\"rule\": \"x\"}\n]}".utf8),
            path: "b.json")
        #expect(
            incomplete.diagnostics.first?.description.hasPrefix("b.json:3:1: error: finding 1 lacks") == true,
            "\(incomplete.diagnostics)")
    }

    @Test func sarifIsValidAgainstTheSchema() throws {
        let (report, repository) = try Self.plantedReport()
        defer { repository.remove() }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let schema =
            ProcessInfo.processInfo.environment["ATTEST_SARIF_SCHEMA"]
            ?? root.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json").path
        #expect(FileManager.default.fileExists(atPath: schema), "the SARIF schema is missing at \(schema)")
        let folder = try ScanFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sarif = folder.appendingPathComponent("report.sarif")
        try Data(ScanReportFormat.sarif.render(report)).write(to: sarif)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1]))); print('valid')",
            schema, sarif.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text.contains("valid"), "\(text)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any]
        let results = ((object?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == report.findings.count)
        #expect(results.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["attestFingerprint/v1"] != nil })
    }

    @Test func csvAndMarkdownEscapeWhatFilesName() {
        let finding = ScanFinding(
            ruleID: "stripe-secret-live", ruleTitle: "t", severity: .high, isSecret: true, redacted: "sk_live_…abcd",
            sha256: String(repeating: "0", count: 64), target: ".", path: "=cmd|' /C calc'!A0 | `x` <b>.txt", line: 1,
            column: 1)
        let report = ScanReport(
            toolVersion: "t", generatedAt: "g", targets: [], rules: [], findings: [finding])
        let csv = ScanCSVWriter.render(report)
        #expect(csv.contains(",'=cmd|' /C calc'!A0 | `x` <b>.txt,"))
        let markdown = ScanMarkdownWriter.render(report)
        #expect(markdown.contains("`=cmd\\|' /C calc'!A0 \\| 'x' <b>.txt:1:1`"))
    }
}
