import Foundation
import HandbookContent
import Secrets
import Testing

@testable import Scan

@Suite struct SecretScannerTests {
    static func scanner(baseline: Set<String> = []) -> SecretScanner {
        SecretScanner(
            catalogue: .builtIn, toolVersion: "test", generatedAt: "2026-11-27T00:00:00Z", baseline: baseline)
    }

    static func hits(_ text: String) -> [(rule: String, line: Int, column: Int)] {
        let scanner = ContentScanner(catalogue: .builtIn)
        var copy = text
        return copy.withUTF8 { buffer in
            scanner.hits(in: buffer).map { (SecretCatalogue.builtIn.rules[$0.ruleIndex].id, $0.line, $0.column) }
        }
    }

    @Test func findsRealKeysWithLineAndColumnAndSkipsPlaceholdersAndAllowedLines() {
        let live = ScanFixture.key("sk_live_", seed: 10)
        let text = """
            # docs
            STRIPE=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx
            key = "\(live)"
            fixture = "\(ScanFixture.key("sk_live_", seed: 11))" # gitleaks:allow
            pk = pk_live_\(ScanFixture.body(seed: 12))
            """
        let found = Self.hits(text)
        #expect(found.map(\.rule) == ["stripe-secret-live", "stripe-publishable-live"])
        #expect(found.first.map { [$0.line, $0.column] } == [3, 8])
    }

    @Test func scansBinaryBytesAndRedactsToPrefixAndLastFour() {
        let live = ScanFixture.key("rk_live_", seed: 20)
        var bytes: [UInt8] = [0, 159, 146, 150, 0xFF, 0x00]
        bytes += Array(live.utf8) + [0, 1, 2]
        let scanner = ContentScanner(catalogue: .builtIn)
        let hits = bytes.withUnsafeBufferPointer { scanner.hits(in: $0) }
        #expect(hits.count == 1)
        #expect(hits.first?.redacted == "rk_live_…" + live.suffix(4))
        #expect(hits.first?.sha256 == ContentScanner.sha256Hex(live))
    }

    @Test func historyFindsExactlyThePlantedKeysAtTheCommitsThatIntroducedThem() throws {
        let repository = try PlantedRepository()
        defer { repository.remove() }
        let (report, diagnostics) = Self.scanner().run([
            SecretScanner.Target(path: "repo", url: repository.url, history: true)
        ])
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let findings = try #require(report).findings
        let summary = Set(findings.map { "\($0.ruleID) \($0.path) \($0.commit ?? "") \($0.stillAtHead ?? false)" })
        let commits = repository.commits
        #expect(
            summary == [
                "stripe-secret-live config/secrets.env \(commits[0]) false",
                "stripe-restricted-live old/name.txt \(commits[0]) true",
                "stripe-secret-test src/fixtures.js \(commits[0]) true",
                "stripe-webhook-secret app/release.apk!assets/config.json \(commits[3]) true",
                "stripe-secret-live web/dist/app.min.js \(commits[4]) true",
            ])
        let bySHA = Dictionary(grouping: findings, by: \.sha256)
        for key in [
            repository.deleted, repository.renamed, repository.bundled, repository.minified, repository.testKey,
        ] {
            #expect(bySHA[ContentScanner.sha256Hex(key)]?.count == 1, "\(key.prefix(8))")
        }
        #expect(bySHA[ContentScanner.sha256Hex(repository.allowed)] == nil)
        let deleted = try #require(findings.first { $0.path == "config/secrets.env" })
        #expect(deleted.seenAt == Int64(PlantedRepository.times[0]))
        #expect(deleted.line == 1 && deleted.column == 19)
        #expect(deleted.fingerprint == "\(commits[0]):config/secrets.env:stripe-secret-live:1")
        let minified = try #require(findings.first { $0.path == "web/dist/app.min.js" })
        #expect(minified.line == 1 && minified.column > 20_000)
    }

    @Test func historySinceARevisionScansOnlyLaterCommits() throws {
        let repository = try PlantedRepository()
        defer { repository.remove() }
        let (report, diagnostics) = Self.scanner().run([
            SecretScanner.Target(path: "repo", url: repository.url, history: true, since: repository.commits[2])
        ])
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        #expect(Set(try #require(report).findings.map(\.commit)) == [repository.commits[3], repository.commits[4]])
        #expect(report?.targets.first?.commits == 2)
    }

    @Test func folderScanReadsTheWorkingTreeAndTheBundleButNotGit() throws {
        let repository = try PlantedRepository()
        defer { repository.remove() }
        let (report, diagnostics) = Self.scanner().run([SecretScanner.Target(path: ".", url: repository.url)])
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let findings = try #require(report).findings
        #expect(
            findings.map { "\($0.ruleID) \($0.path):\($0.line)" } == [
                "stripe-webhook-secret app/release.apk!assets/config.json:1",
                "stripe-restricted-live new-name.txt:1",
                "stripe-secret-test src/fixtures.js:2",
                "stripe-secret-live web/dist/app.min.js:1",
            ])
        #expect(findings.allSatisfy { $0.commit == nil && $0.seenAt != nil })
        #expect(findings[1].fingerprint == "new-name.txt:stripe-restricted-live:1")
    }

    @Test func gitleaksIgnoreAndBaselineLeaveOutWhatTheyList() throws {
        let repository = try PlantedRepository()
        defer { repository.remove() }
        try ScanFixture.write(
            "# known\nnew-name.txt:stripe-restricted-live:1\n", to: ".gitleaksignore", in: repository.url)
        let (report, _) = Self.scanner(baseline: ["src/fixtures.js:stripe-secret-test:2"]).run([
            SecretScanner.Target(path: ".", url: repository.url)
        ])
        let scanned = try #require(report)
        #expect(scanned.findings.count == 2)
        #expect(scanned.ignored == 1)
        #expect(scanned.inBaseline == 1)
    }

    @Test func corruptArchiveInATreeIsAWarningAndTheRestIsScanned() throws {
        let folder = try ScanFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = ScanFixture.key("sk_live_", seed: 30)
        try ScanFixture.write("PK\u{3}\u{4}not really a zip \(live)", to: "broken.jar", in: folder)
        try ScanFixture.write("k=\(ScanFixture.key("rk_live_", seed: 31))", to: "ok.txt", in: folder)
        let (report, diagnostics) = Self.scanner().run([SecretScanner.Target(path: "f", url: folder)])
        #expect(!diagnostics.hasErrors)
        #expect(diagnostics.contains { $0.severity == .warning && $0.description.contains("broken.jar") })
        #expect(try #require(report).findings.map(\.path) == ["broken.jar", "ok.txt"])
        // Given as the path itself, a corrupt archive is an error.
        let (alone, aloneDiagnostics) = Self.scanner().run([
            SecretScanner.Target(path: "broken.jar", url: folder.appendingPathComponent("broken.jar"))
        ])
        #expect(alone == nil)
        #expect(aloneDiagnostics.hasErrors)
    }

    @Test func badTargetsAreErrors() throws {
        let folder = try ScanFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = Self.scanner().run([
            SecretScanner.Target(path: "nope", url: folder.appendingPathComponent("nope"))
        ])
        #expect(missing.report == nil)
        #expect(missing.diagnostics.map(\.description) == ["error: nope: no such file or folder"])
        let notRepository = Self.scanner().run([SecretScanner.Target(path: "plain", url: folder, history: true)])
        #expect(notRepository.report == nil)
        #expect(notRepository.diagnostics.first?.message.contains("is not a git repository") == true)
        let repository = try PlantedRepository()
        defer { repository.remove() }
        let badSince = Self.scanner().run([
            SecretScanner.Target(path: "repo", url: repository.url, history: true, since: "no-such-rev")
        ])
        #expect(badSince.report == nil)
        #expect(badSince.diagnostics.first?.message == "--since no-such-rev is not a commit of repo")
    }

    @Test func aSecretInAFileNameIsRedactedEverywhere() throws {
        let folder = try ScanFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = ScanFixture.key("sk_live_", seed: 40)
        try ScanFixture.write("x", to: "\(live).txt", in: folder)
        try ScanFixture.write("y \(ScanFixture.key("sk_live_", seed: 41))", to: "\(live)/inner.txt", in: folder)
        let (report, _) = Self.scanner().run([SecretScanner.Target(path: ".", url: folder)])
        let scanned = try #require(report)
        #expect(scanned.findings.count == 1)
        for format in ScanReportFormat.allCases {
            let text = String(decoding: format.render(scanned), as: UTF8.self)
            #expect(!text.contains(live), "\(format)")
        }
    }
}
