import Foundation
import HandbookContent
import Secrets

/// `attest scan`: scans folders, files and repositories' histories for secrets of the catalogue's
/// shapes, leaves out what `.gitleaksignore` or a baseline report already lists, and assembles the
/// ``ScanReport``. Every text that leaves it (paths, warnings, diagnostics) has been through the
/// catalogue's redactor: a secret in a file name is no more printed than one in a file.
public struct SecretScanner: Sendable {
    /// One thing to scan.
    public struct Target: Sendable {
        /// As given on the command line (and shown).
        public var path: String
        /// Where it is (resolved against the working folder).
        public var url: URL
        /// Scan the repository's history rather than the files.
        public var history: Bool
        public var since: String?

        public init(path: String, url: URL, history: Bool = false, since: String? = nil) {
            self.path = path
            self.url = url
            self.history = history
            self.since = since
        }
    }

    public let catalogue: SecretCatalogue
    public var toolVersion: String
    public var generatedAt: String
    /// Fingerprints of an earlier report (`--baseline`): only what is new is reported.
    public var baseline: Set<String>
    /// Called with a line of progress now and then (for a terminal).
    public var progress: (@Sendable (String) -> Void)?

    public init(
        catalogue: SecretCatalogue, toolVersion: String, generatedAt: String, baseline: Set<String> = [],
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.catalogue = catalogue
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
        self.baseline = baseline
        self.progress = progress
    }

    /// Scans `targets`; the report is nil when any had an error (the diagnostics say which).
    public func run(_ targets: [Target]) -> (report: ScanReport?, diagnostics: [Diagnostic]) {
        let scanner = ContentScanner(catalogue: catalogue)
        var diagnostics: [Diagnostic] = []
        var findings: [ScanFinding] = []
        var summaries: [ScanReport.Target] = []
        var ignored = 0
        for target in targets {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target.url.path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("\(target.path): no such file or folder", at: nil))
                continue
            }
            var found: [ScanFinding]
            if target.history {
                let progress = self.progress
                let history = HistoryScanner(
                    scanner: scanner, repository: target.url.path, since: target.since,
                    progress: progress.map { report in
                        { @Sendable done, total in report("\(target.path): \(done)/\(total) blobs") }
                    })
                var result = history.run()
                for index in result.findings.indices { result.findings[index].target = target.path }
                diagnostics += result.diagnostics.map { $0.replacing(target.url.path, with: target.path) }
                found = result.findings
                summaries.append(
                    ScanReport.Target(
                        path: target.path, kind: .history, since: target.since, files: result.blobs,
                        commits: result.commits, bytes: result.bytes))
            } else {
                progress?("\(target.path): reading files")
                let result = FolderScanner(scanner: scanner).run(
                    url: target.url, target: isDirectory.boolValue ? target.path : Self.folder(of: target.path),
                    isFolder: isDirectory.boolValue)
                diagnostics += result.diagnostics
                found = result.findings
                summaries.append(
                    ScanReport.Target(
                        path: target.path, kind: isDirectory.boolValue ? .folder : .file, files: result.files,
                        bytes: result.bytes))
            }
            if isDirectory.boolValue {
                let (ignoreList, ignoreDiagnostics) = FingerprintList.gitleaksIgnore(
                    in: target.url, shownAs: target.path)
                diagnostics += ignoreDiagnostics
                let before = found.count
                found.removeAll { ignoreList.contains($0.fingerprint) }
                ignored += before - found.count
            }
            findings += found
        }
        let redactor = SecretRedactor(catalogue: catalogue)
        diagnostics = diagnostics.map { $0.redacted(by: redactor) }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        for index in findings.indices {
            redactor.redactInPlace(&findings[index].path)
            redactor.redactInPlace(&findings[index].target)
        }
        for index in summaries.indices { redactor.redactInPlace(&summaries[index].path) }
        let before = findings.count
        findings.removeAll { baseline.contains($0.fingerprint) }
        findings.sort(by: ScanFinding.reportOrder)
        let report = ScanReport(
            toolVersion: toolVersion, generatedAt: generatedAt, targets: summaries,
            rules: catalogue.rules.map {
                ScanReport.Rule(id: $0.id, title: $0.title, severity: $0.severity, isSecret: $0.isSecret)
            }, findings: findings, ignored: ignored, inBaseline: before - findings.count,
            warnings: diagnostics.filter { $0.severity == .warning }.map(\.description))
        return (report, diagnostics)
    }

    /// The folder part of a file path as given (`.` for a bare name).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}

extension Diagnostic {
    /// The diagnostic with every secret in its message and path redacted.
    func redacted(by redactor: SecretRedactor) -> Diagnostic {
        var copy = self
        redactor.redactInPlace(&copy.message)
        if var location = copy.location {
            redactor.redactInPlace(&location.path)
            copy.location = location
        }
        return copy
    }

    /// The diagnostic with `text` replaced in its message (an absolute path by the path as given).
    func replacing(_ text: String, with replacement: String) -> Diagnostic {
        var copy = self
        copy.message = copy.message.replacingOccurrences(of: text, with: replacement)
        return copy
    }
}

extension SecretScanner {
    /// The findings in `bytes`, read as the file `path` would be (an archive by its extension, its
    /// entries scanned; anything else as bytes), and the warnings met. Never fails: a corrupt
    /// archive is scanned as bytes, with a warning.
    public func scan(bytes: [UInt8], path: String) -> (findings: [ScanFinding], warnings: [String]) {
        let scanner = ContentScanner(catalogue: catalogue)
        var findings: [ScanFinding] = []
        var warnings: [String] = []
        func add(_ hits: [ContentHit], at path: String) {
            for hit in hits {
                let rule = catalogue.rules[hit.ruleIndex]
                findings.append(
                    ScanFinding(
                        ruleID: rule.id, ruleTitle: rule.title, severity: rule.severity, isSecret: rule.isSecret,
                        redacted: hit.redacted, sha256: hit.sha256, target: ".", path: path, line: hit.line,
                        column: hit.column))
            }
        }
        if ArchiveReader.isArchive(path) {
            do {
                try ArchiveReader.read(bytes: bytes, name: path, depth: 0, warnings: &warnings) { entry, entryBytes in
                    add(scanner.hits(in: entryBytes), at: entry)
                }
                return (findings, warnings)
            } catch {
                warnings.append("\(path) is \(error); it was scanned as bytes")
            }
        }
        add(bytes.withUnsafeBufferPointer { scanner.hits(in: $0) }, at: path)
        return (findings, warnings)
    }
}
