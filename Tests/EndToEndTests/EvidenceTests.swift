import Foundation
import Testing

/// `attest evidence` on the sample handbook: the package's contents, its manifest, `verify`
/// catching an edited, an added and a removed file, reproducibility, and bad input.
@Suite("attest evidence, end to end")
struct EvidenceTests {
    static let period = ["--from", "2026-01-01", "--to", "2026-11-27"]

    /// The sample root with its completions imported into the records store.
    static func sampleWithRecords() async throws -> (root: URL, remove: @Sendable () -> Void) {
        let (root, remove) = try SampleHandbookTests.sampleRoot()
        let imported = try await AttestExecutable.run(
            ["training", "import", "content/data/completions.csv", "--root", root.path], in: root)
        #expect(imported.exitCode == 0, "\(imported)")
        return (root, remove)
    }

    static func evidence(_ root: URL, output: String) async throws -> ProcessOutcome {
        try await AttestExecutable.run(
            ["evidence"] + period + [
                "--inventory", "content/data/keys.csv", "--output", output, "--root", root.path,
            ], in: root)
    }

    /// Every file under `directory` by relative path, with its bytes.
    static func tree(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    @Test("the package holds training, audit and policies, its manifest lists every file, and two runs are identical")
    func packageAndReproducibility() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        let first = try await Self.evidence(root, output: "out1")
        #expect(first.exitCode == 0, "\(first)")
        let second = try await Self.evidence(root, output: "out2")
        #expect(second.exitCode == 0, "\(second)")
        let one = try Self.tree(root.appendingPathComponent("out1"))
        let two = try Self.tree(root.appendingPathComponent("out2"))
        #expect(one == two, "two runs on the same inputs differ")
        for path in [
            "index.html", "manifest.json", "training/status.csv", "training/team-completion.csv",
            "training/attempts.csv",
            "training/attempts.xapi.json", "training/chain.json", "audit/report.json", "audit/index.html",
            "audit/report.sarif", "audit/findings.csv", "audit/report.md", "audit/junit.xml",
            "audit/oscal-assessment-results.json", "policies/key-rotation.html",
        ] {
            #expect(one[path] != nil, "missing \(path)")
        }
        let manifestBytes = try #require(one["manifest.json"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestBytes) as? [String: Any])
        let listed = (manifest["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(Set(listed) == Set(one.keys).subtracting(["manifest.json"]))
        #expect((manifest["inputs"] as? [Any])?.isEmpty == false)
        let attempts = String(decoding: try #require(one["training/attempts.csv"]), as: UTF8.self)
        #expect(!attempts.contains("answers"), "the package must hold no quiz answers")
        let chain = String(decoding: try #require(one["training/chain.json"]), as: UTF8.self)
        #expect(chain.contains("\"intact\": true"))
        let policy = String(decoding: try #require(one["policies/key-rotation.html"]), as: UTF8.self)
        #expect(!policy.contains("{{ controls."))
        let index = String(decoding: try #require(one["index.html"]), as: UTF8.self)
        #expect(index.contains("2026-01-01 to 2026-11-27"))
        #expect(index.contains("Example Corp"))
        // No wall-clock time: no mention of today's date anywhere.
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        #expect(!one.values.contains { String(decoding: $0, as: UTF8.self).contains(today) })

        let intact = try await AttestExecutable.run(["evidence", "verify", "out1"], in: root)
        #expect(intact.exitCode == 0, "\(intact)")
    }

    @Test("verify names an edited, an added and a removed file and exits 1")
    func verifyCatchesChanges() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        let built = try await Self.evidence(root, output: "out")
        #expect(built.exitCode == 0, "\(built)")
        let out = root.appendingPathComponent("out")
        let edited = out.appendingPathComponent("training/status.csv")
        var bytes = try Data(contentsOf: edited)
        bytes.append(contentsOf: Array("x".utf8))
        try bytes.write(to: edited)
        try Data("extra".utf8).write(to: out.appendingPathComponent("policies/extra.html"))
        try FileManager.default.removeItem(at: out.appendingPathComponent("audit/junit.xml"))
        let outcome = try await AttestExecutable.run(["evidence", "verify", "out"], in: root)
        #expect(outcome.exitCode == 1, "\(outcome)")
        #expect(outcome.stdout.contains("changed: training/status.csv"), "\(outcome)")
        #expect(outcome.stdout.contains("added: policies/extra.html"), "\(outcome)")
        #expect(outcome.stdout.contains("removed: audit/junit.xml"), "\(outcome)")
    }

    @Test("bad input exits 2 with a diagnostic and writes nothing")
    func badInput() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        let cases: [([String], String)] = [
            (["--from", "2026-12-01", "--to", "2026-11-27"], "out of order"),
            (["--from", "2000-01-01", "--to", "2000-02-01"], "no policy is in force"),
            (Self.period + ["--records", "missing.sqlite"], "no training records database"),
        ]
        for (arguments, message) in cases {
            let outcome = try await AttestExecutable.run(
                ["evidence"] + arguments + ["--output", "bad", "--root", root.path], in: root)
            #expect(outcome.exitCode == 2, "\(outcome)")
            #expect(outcome.stderr.contains(message), "\(outcome)")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad").path))
        }
        // A corrupt store: not a SQLite database.
        try Data("not a database".utf8).write(to: root.appendingPathComponent("corrupt.sqlite"))
        let corrupt = try await AttestExecutable.run(
            ["evidence"] + Self.period + ["--records", "corrupt.sqlite", "--output", "bad", "--root", root.path],
            in: root)
        #expect(corrupt.exitCode == 2, "\(corrupt)")
        #expect(corrupt.stderr.contains("error:"), "\(corrupt)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("bad").path))
    }

    /// Runs git in `directory` with fixed identities and dates.
    static func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in [
            "GIT_AUTHOR_NAME": "Aiko Tanaka", "GIT_AUTHOR_EMAIL": "aiko.tanaka@example.com",
            "GIT_COMMITTER_NAME": "Aiko Tanaka", "GIT_COMMITTER_EMAIL": "aiko.tanaka@example.com",
            "GIT_AUTHOR_DATE": "2026-03-01T10:00:00Z", "GIT_COMMITTER_DATE": "2026-03-01T10:00:00Z",
        ] {
            environment[key] = value
        }
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments) failed")
    }

    @Test("in a git repository, a policy's page lists each commit that changed its version, with Approved-by")
    func gitHistory() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        try Self.git(["init", "-q"], in: root)
        try Self.git(["add", "content", "templates"], in: root)
        try Self.git(["commit", "-q", "-m", "Restricted keys 2.0"], in: root)
        let policy = root.appendingPathComponent("content/policies/keys/restricted-keys.md")
        let text = String(decoding: try Data(contentsOf: policy), as: UTF8.self)
        #expect(text.contains("version: \"2.0\""))
        try Data(text.replacingOccurrences(of: "version: \"2.0\"", with: "version: \"2.1\"").utf8).write(to: policy)
        try Self.git(
            [
                "commit", "-q", "-a", "-m", "Restricted keys 2.1", "-m",
                "Approved-by: Security Lead <security-lead@example.com>",
            ],
            in: root)
        let outcome = try await AttestExecutable.run(
            ["evidence"] + Self.period + ["--output", "out", "--root", root.path], in: root)
        #expect(outcome.exitCode == 0, "\(outcome)")
        let page = String(
            decoding: try Data(contentsOf: root.appendingPathComponent("out/policies/restricted-keys.html")),
            as: UTF8.self)
        #expect(page.contains("From git"))
        #expect(page.contains("<td>2.1</td>"))
        #expect(page.contains("<td>2.0</td>"))
        #expect(page.contains("Security Lead &lt;security-lead@example.com&gt;"))
        #expect(page.contains("Aiko Tanaka &lt;aiko.tanaka@example.com&gt;"))
        #expect(page.contains("(no Approved-by trailer)"))
        let verified = try await AttestExecutable.run(["evidence", "verify", "out"], in: root)
        #expect(verified.exitCode == 0, "\(verified)")
    }

    @Test("--zip writes one reproducible ZIP that unzip tools read and verify checks")
    func zipPackage() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        for name in ["one", "two"] {
            let outcome = try await AttestExecutable.run(
                ["evidence"] + Self.period + ["--zip", "--output", name, "--root", root.path], in: root)
            #expect(outcome.exitCode == 0, "\(outcome)")
        }
        let one = try Data(contentsOf: root.appendingPathComponent("one.zip"))
        let two = try Data(contentsOf: root.appendingPathComponent("two.zip"))
        #expect(one == two, "two runs on the same inputs give different ZIPs")
        let verified = try await AttestExecutable.run(["evidence", "verify", "one.zip"], in: root)
        #expect(verified.exitCode == 0, "\(verified)")
        // Python's zipfile checks every entry's CRC.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "zipfile", "-t", root.appendingPathComponent("one.zip").path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 -m zipfile -t rejects the package")
        // One byte changed inside an entry: verify fails (the entry's CRC or the manifest).
        var damaged = [UInt8](one)
        damaged[200] ^= 0x01
        try Data(damaged).write(to: root.appendingPathComponent("damaged.zip"))
        let caught = try await AttestExecutable.run(["evidence", "verify", "damaged.zip"], in: root)
        #expect(caught.exitCode != 0, "\(caught)")
    }

    /// Runs a tool of poppler-utils (or any command) and returns its exit code and standard output.
    /// A tool that is missing fails the test (exit 127 from env), with what to install.
    static func tool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("attest-tool-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: scratch.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let handle = try FileHandle(forWritingTo: scratch)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(
            process.terminationStatus != 127,
            "\(arguments[0]) is not installed: bash .ci/install-deps (poppler-utils, weasyprint)")
        return (process.terminationStatus, String(decoding: try Data(contentsOf: scratch), as: UTF8.self))
    }

    /// The sample in a git repository whose restricted-keys policy has two versions (2.0, then 2.1
    /// with an Approved-by trailer).
    static func sampleInGit() async throws -> (root: URL, remove: @Sendable () -> Void) {
        let (root, remove) = try await Self.sampleWithRecords()
        try Self.git(["init", "-q"], in: root)
        try Self.git(["add", "content", "templates"], in: root)
        try Self.git(["commit", "-q", "-m", "Restricted keys 2.0"], in: root)
        let policy = root.appendingPathComponent("content/policies/keys/restricted-keys.md")
        let text = String(decoding: try Data(contentsOf: policy), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "version: \"2.0\"", with: "version: \"2.1\"").utf8).write(to: policy)
        try Self.git(
            [
                "commit", "-q", "-a", "-m", "Restricted keys 2.1", "-m",
                "Approved-by: Security Lead <security-lead@example.com>",
            ],
            in: root)
        return (root, remove)
    }

    @Test("policies as PDF: a cover, running heads, page numbers, the version history; byte-identical across runs")
    func policyPDFs() async throws {
        let (root, remove) = try await Self.sampleInGit()
        defer { remove() }
        for name in ["out1", "out2"] {
            let outcome = try await Self.evidence(root, output: name)
            #expect(outcome.exitCode == 0, "\(outcome)")
        }
        let one = try Self.tree(root.appendingPathComponent("out1"))
        let two = try Self.tree(root.appendingPathComponent("out2"))
        #expect(one == two, "two runs on the same inputs differ")
        let htmlPages = one.keys.filter { $0.hasPrefix("policies/") && $0.hasSuffix(".html") }.sorted()
        let pdfs = one.keys.filter { $0.hasPrefix("policies/") && $0.hasSuffix(".pdf") }.sorted()
        #expect(!pdfs.isEmpty)
        #expect(pdfs == htmlPages.map { String($0.dropLast(5)) + ".pdf" }, "a PDF for every policy page")
        for path in pdfs {
            #expect(one[path]?.starts(with: Array("%PDF-".utf8)) == true, "\(path) is not a PDF")
            #expect(one[path] == two[path], "\(path) differs between two runs")
        }

        let pdf = root.appendingPathComponent("out1/policies/restricted-keys.pdf").path
        let info = try Self.tool(["pdfinfo", pdf])
        #expect(info.status == 0, "pdfinfo rejects \(pdf): \(info.output)")
        let pagesLine = info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        let pages = Int(pagesLine.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        #expect(pages >= 2, "a cover page and the text: \(info.output)")
        #expect(info.output.contains("Title:"), "\(info.output)")
        // The document's date is the period's end (as-of), not the time of the run.
        #expect(info.output.contains("Nov 27"), "\(info.output)")
        #expect(info.output.contains("2026"), "\(info.output)")

        let text = try Self.tool(["pdftotext", pdf, "-"])
        #expect(text.status == 0)
        // Compared without white space and hyphens: a table cell may wrap anywhere, and pdftotext
        // drops a hyphen that ends a line.
        let squeezed = String(text.output.filter { !$0.isWhitespace && $0 != "-" })
        for expected in [
            "Restricted keys for services and third parties", "Example Corp", "Version 2.1", "Effective 2026-03-01",
            "Version history", "From git", "Security Lead <security-lead@example.com>", "Aiko Tanaka",
            "(no Approved-by trailer)", "Restricted keys for services and third parties, version 2.1",
            "Page 1 of \(pages)", "Page \(pages) of \(pages)", "period 2026-01-01 to 2026-11-27",
        ] {
            #expect(
                squeezed.contains(String(expected.filter { !$0.isWhitespace && $0 != "-" })),
                "the PDF's text lacks '\(expected)': \(text.output.prefix(1500))")
        }
        // The cover is a page of its own: the policy's text starts on page 2.
        let firstPage = text.output.split(separator: "\u{0C}").first.map(String.init) ?? ""
        #expect(!firstPage.contains("Version history"), "the cover page holds only the cover: \(firstPage)")
        #expect(!squeezed.contains("{{controls."))

        let index = String(decoding: try #require(one["index.html"]), as: UTF8.self)
        #expect(index.contains("policies/restricted-keys.pdf"))
        #expect(index.contains("WeasyPrint"))
        let manifest = String(decoding: try #require(one["manifest.json"]), as: UTF8.self)
        #expect(manifest.contains("\"path\": \"policies/restricted-keys.pdf\""))

        // verify catches an edited PDF.
        let edited = root.appendingPathComponent("out1/policies/restricted-keys.pdf")
        var bytes = try Data(contentsOf: edited)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: edited)
        let caught = try await AttestExecutable.run(["evidence", "verify", "out1"], in: root)
        #expect(caught.exitCode == 1, "\(caught)")
        #expect(caught.stdout.contains("changed: policies/restricted-keys.pdf"), "\(caught)")
    }

    @Test("without weasyprint: exit 2 naming it and what to do, nothing written; --no-pdf writes HTML only")
    func missingWeasyPrint() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        // A PATH that holds git and env but no weasyprint.
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for tool in ["git", "env"] {
            try FileManager.default.createSymbolicLink(
                at: bin.appendingPathComponent(tool), withDestinationURL: URL(fileURLWithPath: "/usr/bin/\(tool)"))
        }
        let missing = try await AttestExecutable.run(
            ["evidence"] + Self.period + ["--output", "out", "--root", root.path], in: root,
            environment: ["PATH": bin.path])
        #expect(missing.exitCode == 2, "\(missing)")
        #expect(missing.stderr.contains("weasyprint is not on PATH"), "\(missing)")
        #expect(missing.stderr.contains("--no-pdf"), "\(missing)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))

        let htmlOnly = try await AttestExecutable.run(
            ["evidence"] + Self.period + ["--no-pdf", "--output", "out", "--root", root.path], in: root,
            environment: ["PATH": bin.path])
        #expect(htmlOnly.exitCode == 0, "\(htmlOnly)")
        let files = try Self.tree(root.appendingPathComponent("out"))
        #expect(files["policies/key-rotation.html"] != nil)
        #expect(!files.keys.contains { $0.hasSuffix(".pdf") })
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("not made (--no-pdf)"))
    }

    @Test("an unreadable git history: exit 2 with a diagnostic, nothing written")
    func unreadableGitHistory() async throws {
        let (root, remove) = try await Self.sampleInGit()
        defer { remove() }
        // The objects are gone: git knows it is a repository but cannot read its history.
        let objects = root.appendingPathComponent(".git/objects")
        for entry in try FileManager.default.contentsOfDirectory(atPath: objects.path)
        where entry.count == 2 {
            try FileManager.default.removeItem(at: objects.appendingPathComponent(entry))
        }
        let outcome = try await AttestExecutable.run(
            ["evidence"] + Self.period + ["--output", "out", "--root", root.path], in: root)
        #expect(outcome.exitCode == 2, "\(outcome)")
        #expect(outcome.stderr.contains("cannot read the git history of"), "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
    }

    @Test("--exposures reaches the period's audit; --history's runs in the period are summarised with a trend")
    func exposuresAndHistory() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        // A scan report (attest scan's report.json, format 1) that saw a live key no inventory tracks.
        let report = """
            {"format_version": 1, "tool": {"name": "attest", "version": "0.1.0"}, "generated_at": "2026-11-20T09:00:00Z",
             "targets": [], "summary": {"findings": 1}, "warnings": [], "rules": [],
             "findings": [{"fingerprint": "c0ffee:config/.env:stripe-secret-live:3", "rule": "stripe-secret-live",
              "title": "Stripe live secret key", "severity": "high", "secret": true, "redacted": "sk_live_…9zQa",
              "secret_sha256": "\(String(repeating: "ab", count: 32))", "target": "repo", "path": "config/.env",
              "line": 3, "column": 19, "commit": "c0ffee", "author_time": "2026-11-10T16:20:00Z",
              "file_modified_at": null, "still_at_head": false}]}
            """
        try Data(report.utf8).write(to: root.appendingPathComponent("scan.json"))
        let history =
            [
                #"{"as_of":"2025-12-01","generated_at":"2025-12-01T08:00:00Z","passed":1,"warned":1,"failed":9,"fail_findings":90,"warn_findings":1}"#,
                #"{"as_of":"2026-03-01","generated_at":"2026-03-01T08:00:00Z","passed":5,"warned":2,"failed":7,"fail_findings":70,"warn_findings":2}"#,
                #"{"as_of":"2026-09-01","generated_at":"2026-09-01T08:00:00Z","passed":9,"warned":3,"failed":4,"fail_findings":40,"warn_findings":3}"#,
            ].joined(separator: "\n") + "\n"
        try Data(history.utf8).write(to: root.appendingPathComponent("history.jsonl"))
        let outcome = try await AttestExecutable.run(
            ["evidence"] + Self.period + [
                "--inventory", "content/data/keys.csv", "--exposures", "scan.json", "--history", "history.jsonl",
                "--output", "out", "--root", root.path,
            ], in: root)
        #expect(outcome.exitCode == 0, "\(outcome)")
        let files = try Self.tree(root.appendingPathComponent("out"))
        let audit = String(decoding: try #require(files["audit/report.json"]), as: UTF8.self)
        #expect(audit.contains("nobody tracks"), "the scan's untracked key reaches inventory-complete")
        #expect(audit.contains("\"exposures\""), "the scan report is an input of the audit")
        let manifest = String(decoding: try #require(files["manifest.json"]), as: UTF8.self)
        #expect(manifest.contains("\"kind\": \"exposures\""))
        let page = String(decoding: try #require(files["audit/history.html"]), as: UTF8.self)
        #expect(page.contains("<svg"))
        #expect(!page.contains("<script"))
        #expect(page.contains("2026-03-01") && page.contains("2026-09-01"))
        #expect(!page.contains("2025-12-01"), "a run before the period is left out")
        #expect(page.contains("<td>2026-11-27</td>"), "this package's audit is the last run")
        let auditIndex = String(decoding: try #require(files["audit/index.html"]), as: UTF8.self)
        #expect(auditIndex.contains("Trend"))
        // The history file is only read.
        #expect(
            String(decoding: try Data(contentsOf: root.appendingPathComponent("history.jsonl")), as: UTF8.self)
                == history)
        let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(index.contains("2 earlier runs in the period"))
    }

    @Test("the package is redacted with the handbook's catalogue: a custom scan-rules.yml shape never appears")
    func customShapesRedacted() async throws {
        let (root, remove) = try await Self.sampleWithRecords()
        defer { remove() }
        try Data(RedactionEndToEndTests.acmeScanRules.utf8).write(
            to: root.appendingPathComponent("content/scan-rules.yml"))
        let token = "acme_" + "3f9a1c7e5b2d4086" + "a1b2c3d4e5f60718"
        // In an inventory value (the audit's reports) and in a roster person's name (training/).
        let keys = root.appendingPathComponent("content/data/keys.csv")
        let inventory = String(decoding: try Data(contentsOf: keys), as: UTF8.self)
        try Data(inventory.replacingOccurrences(of: ",Checkout payments,", with: ",Checkout \(token),").utf8).write(
            to: keys)
        let people = root.appendingPathComponent("content/data/people.csv")
        let roster = String(decoding: try Data(contentsOf: people), as: UTF8.self)
        try Data(roster.replacingOccurrences(of: ",Dana Okafor,", with: ",Dana \(token),").utf8).write(to: people)
        let outcome = try await AttestExecutable.run(
            ["evidence"] + Self.period + [
                "--no-pdf", "--inventory", "content/data/keys.csv", "--output", "out", "--root", root.path,
            ], in: root)
        #expect(outcome.exitCode == 0, "\(outcome)")
        let files = try Self.tree(root.appendingPathComponent("out"))
        for (path, bytes) in files {
            #expect(!String(decoding: bytes, as: UTF8.self).contains(token), "\(path) holds the token in full")
        }
        let status = String(decoding: try #require(files["training/status.csv"]), as: UTF8.self)
        #expect(status.contains("Dana acme_…"), "the name is shown redacted: \(status.prefix(400))")
        #expect(!outcome.stdout.contains(token) && !outcome.stderr.contains(token))
    }
}
