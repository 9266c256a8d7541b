import ArgumentParser
import Foundation
import HandbookContent
import Scan
import Secrets

/// `attest scan [PATH…]`: scans, writes the reports, prints a summary, and exits 1 when a finding is
/// at or above --fail-on.
struct ScanRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Scan folders, files, archives (.zip .jar .apk .aab .ipa) or a repository's whole history.",
        discussion: """
            Reports: report.json, report.sarif, findings.csv, report.md in --output (default ROOT/site/scan). \
            Custom rules: ROOT/content/scan-rules.yml. A .gitleaksignore at a scanned folder's root lists \
            fingerprints to leave out; a line holding attest:allow or gitleaks:allow is never reported.
            """)

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: ArgumentHelp("Folders, files or (with --history) repositories (default: ROOT).", valueName: "PATH"))
    var paths: [String] = []

    @Flag(help: "Scan every blob reachable from every ref of the repository at PATH, not its files.")
    var history = false

    @Option(help: ArgumentHelp("With --history: only commits not reachable from REV.", valueName: "REV"))
    var since: String?

    @Option(help: ArgumentHelp("Report formats, comma-separated: json,sarif,csv,md.", valueName: "LIST"))
    var format: String = "json,sarif"

    @Option(help: ArgumentHelp("Where to write the reports (default: ROOT/site/scan).", valueName: "DIR"))
    var output: String?

    @Option(help: ArgumentHelp("An earlier report.json: only findings not in it are reported.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity whose findings exit 1: high, medium, low or never.")
    var failOn: String = "high"

    func run() async throws {
        var usage: [String] = []
        let formats = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let reportFormats = formats.compactMap(ScanReportFormat.init(rawValue:))
        for name in formats where ScanReportFormat(rawValue: name) == nil {
            usage.append(
                "unknown format '\(name)'; expected: \(ScanReportFormat.allCases.map(\.rawValue).joined(separator: ","))"
            )
        }
        let failOn = self.failOn.lowercased()
        let threshold: SecretSeverity? = failOn == "never" ? nil : SecretSeverity(rawValue: failOn)
        if failOn != "never", threshold == nil || threshold == .info {
            usage.append("--fail-on must be high, medium, low or never, got '\(self.failOn)'")
        }
        if since != nil, !history { usage.append("--since needs --history") }
        guard usage.isEmpty else {
            DiagnosticPrinter.print(usage.map { .error($0, at: nil) })
            throw ExitCode.badInput
        }

        let root = rootOptions.root
        let (catalogue, ruleDiagnostics) = ScanRules.catalogue(root: root)
        var diagnostics = ruleDiagnostics.map { $0.relocated(under: root) }
        var baselineFingerprints: Set<String> = []
        if let baseline {
            let (findings, baselineDiagnostics) = ScanReportReader.read(
                url: URL(fileURLWithPath: baseline), path: baseline)
            diagnostics += baselineDiagnostics
            baselineFingerprints = Set((findings ?? []).map(\.fingerprint))
        }
        guard let catalogue, !diagnostics.hasErrors else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }

        let progress = ScanProgress()
        let showProgress: (@Sendable (String) -> Void)? =
            progress.enabled ? { @Sendable text in progress.show(text) } : nil
        let scanner = SecretScanner(
            catalogue: catalogue, toolVersion: Attest.version,
            generatedAt: ISO8601DateFormatter().string(from: Date()), baseline: baselineFingerprints,
            progress: showProgress)
        let targets = (paths.isEmpty ? [root] : paths).map { path in
            SecretScanner.Target(path: path, url: URL(fileURLWithPath: path), history: history, since: since)
        }
        let (report, scanDiagnostics) = scanner.run(targets)
        progress.finish()
        DiagnosticPrinter.print(diagnostics + scanDiagnostics)
        guard let report else { throw ExitCode.badInput }

        let directory = output ?? (root as NSString).appendingPathComponent("site/scan")
        do {
            let written = try ScanReportDirectoryWriter.write(report, formats: reportFormats, to: directory)
            print(Self.summary(report, written: written))
        } catch {
            DiagnosticPrinter.print([
                .error("cannot write the reports to \(directory): \(error.localizedDescription)", at: nil)
            ])
            throw ExitCode.badInput
        }
        if report.fails(at: threshold) { throw ExitCode.findings }
    }

    /// The console summary: counts, the first findings (redacted), the files written.
    static func summary(_ report: ScanReport, written: [String]) -> String {
        let counts = report.countsBySeverity.filter { $0.count > 0 }.map { "\($0.count) \($0.severity.rawValue)" }
        var text = "\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")"
        if !counts.isEmpty { text += " (\(counts.joined(separator: ", ")))" }
        let scanned = report.targets.map { target in
            target.kind == .history
                ? "\(target.path): \(target.commits) commits, \(target.files) blobs"
                : "\(target.path): \(target.files) files"
        }
        text += " in " + scanned.joined(separator: "; ")
        if report.ignored > 0 { text += "; \(report.ignored) left out by .gitleaksignore" }
        if report.inBaseline > 0 { text += "; \(report.inBaseline) already in the baseline" }
        text += "\n"
        for finding in report.findings.prefix(20) {
            var line = "  \(finding.severity.rawValue) \(finding.ruleID) \(finding.redacted) at \(finding.place)"
            if let stillAtHead = finding.stillAtHead { line += stillAtHead ? " (still at HEAD)" : "" }
            text += line + "\n"
        }
        if report.findings.count > 20 { text += "  … and \(report.findings.count - 20) more in the reports\n" }
        if !written.isEmpty { text += "Reports: " + written.joined(separator: ", ") }
        return text
    }
}

/// A one-line progress display on standard error when it is a terminal, redrawn at most 10 times a second.
final class ScanProgress: Sendable {
    let enabled: Bool
    private let lastShown = LockedValue(0.0)

    init(enabled: Bool = StandardError.isTerminal) { self.enabled = enabled }

    func show(_ text: String) {
        guard enabled else { return }
        let now = Date().timeIntervalSince1970
        let previous = lastShown.exchange(now)
        guard now - previous >= 0.1 else { return }
        StandardError.write("\r\u{1B}[2KScanning \(text)")
    }

    func finish() {
        guard enabled, lastShown.exchange(0) > 0 else { return }
        StandardError.write("\r\u{1B}[2K")
    }
}

extension Diagnostic {
    /// The diagnostic with a root-relative path shown under `root` when the root is not the working folder.
    func relocated(under root: String) -> Diagnostic {
        guard root != ".", var location else { return self }
        var copy = self
        location.path = (root as NSString).appendingPathComponent(location.path)
        copy.location = location
        return copy
    }
}
