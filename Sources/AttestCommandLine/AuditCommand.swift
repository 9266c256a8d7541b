import ArgumentParser
import Audit
import Foundation
import HandbookContent
import Scan
import Secrets
import TrainingRecords

/// `attest audit`: checks the key inventories and the training records against the controls the
/// policies declare, writes the reports, and exits 1 when a failing control is at or above --fail-on.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check key inventories and training records against the policies' controls.",
        discussion: """
            Exit codes: 0 no failing control at or above --fail-on; 1 otherwise; 2 bad input (nothing is written).
            Reports: index.html, report.json, findings.csv, report.md, report.sarif, junit.xml, \
            oscal-assessment-results.json.
            """)

    @OptionGroup var rootOptions: RootOptions

    @Option(
        name: .customLong("inventory"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Key inventories (native CSV, JSON or YAML, or an AWS IAM credential report).", valueName: "FILE"))
    var inventories: [String] = []

    @Option(
        name: .customLong("inventory-format"), help: "native or credential-report (default: detected from each header)."
    )
    var inventoryFormat: String?

    @OptionGroup var inputOptions: AuditInputOptions

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The date to audit as of (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(
        help: ArgumentHelp("Report formats, comma-separated: html,json,csv,md,sarif,junit,oscal.", valueName: "LIST"))
    var format: String = "json,html"

    @Option(help: ArgumentHelp("Where to write the reports (default: ROOT/site/audit).", valueName: "DIR"))
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity whose failures exit 1: high, medium, low or never.")
    var failOn: String = "high"

    @Option(
        help: ArgumentHelp(
            "A JSON-lines file: this run's summary is appended; the HTML draws the trend.", valueName: "PATH"))
    var history: String?

    @Flag(
        name: .customLong("skip-bad-rows"),
        help: "Leave bad inventory rows out (listed in the report) instead of failing.")
    var skipBadRows = false

    @Flag(
        help: ArgumentHelp(
            "Print how long each phase took, measured inside the process, to standard error "
                + "(load: handbook, roster, records; audit: read and check the inventories; write: the reports)."))
    var timings = false

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        var usage: [String] = []
        let formats = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let reportFormats = formats.compactMap(ReportFormat.init(rawValue:))
        for name in formats where ReportFormat(rawValue: name) == nil {
            usage.append(
                "unknown format '\(name)'; expected: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ","))")
        }
        let threshold = FailThreshold(rawValue: failOn.lowercased())
        if threshold == nil { usage.append("--fail-on must be high, medium, low or never, got '\(failOn)'") }
        let inventoryFormat = self.inventoryFormat.map { InventoryFormat(rawValue: $0.lowercased()) }
        if case .some(nil) = inventoryFormat {
            usage.append("--inventory-format must be native or credential-report, got '\(self.inventoryFormat ?? "")'")
        }
        var asOfDate = CalendarDate(secondsSince1970: Date().timeIntervalSince1970)
        if let asOf {
            if let date = CalendarDate(parsing: asOf) {
                asOfDate = date
            } else {
                usage.append("--as-of must be a date YYYY-MM-DD, got '\(asOf)'")
            }
        }
        if inventories.isEmpty { usage.append("give at least one --inventory FILE") }
        guard usage.isEmpty, let threshold else {
            DiagnosticPrinter.print(usage.map { .error($0, at: nil) })
            throw ExitCode.badInput
        }

        let root = rootOptions.root
        let inputs = await AuditInputs.load(root: root, options: inputOptions.inputs(history: history))
        var diagnostics = inputs.diagnostics
        guard let handbook = inputs.handbook, !diagnostics.hasErrors else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }
        let roster = inputs.roster

        let training = inputs.attempts.map {
            TrainingStatus.compute(
                quizzes: handbook.quizzes, policies: handbook.policies, roster: roster ?? .empty, records: $0,
                asOf: asOfDate)
        }
        let loaded = clock.now
        let runner = AuditRunner(
            policies: handbook.policies, quizzes: handbook.quizzes, roster: roster, training: training,
            configuration: AuditRunner.Configuration(
                asOf: asOfDate, generatedAt: ISO8601DateFormatter().string(from: Date()), toolVersion: Attest.version,
                skipBadRows: skipBadRows, format: inventoryFormat ?? nil, ownerMap: inputs.ownerMap,
                otherInputs: inputs.otherInputs, history: inputs.history, exposures: inputs.exposures,
                redactor: inputs.redactor))
        let outcome = runner.run(inventories: inventories.map { inputs.files.inventorySource($0) })
        let audited = clock.now
        diagnostics += outcome.diagnostics
        DiagnosticPrinter.print(diagnostics)
        guard let report = outcome.report else { throw ExitCode.badInput }

        let directory = output ?? (root as NSString).appendingPathComponent("site/audit")
        do {
            let written = try ReportDirectoryWriter.write(report, formats: reportFormats, to: directory)
            if let history { try AuditHistory.append(HistoryEntry(report), to: history) }
            print(report.consoleSummary(written: written))
            if timings {
                let finished = clock.now
                StandardError.write(
                    "timings: load \(Self.seconds(loaded - started)), audit \(Self.seconds(audited - loaded)), "
                        + "write \(Self.seconds(finished - audited)), total \(Self.seconds(finished - started))\n")
            }
        } catch {
            DiagnosticPrinter.print([
                .error("cannot write the reports to \(directory): \(error.localizedDescription)", at: nil)
            ])
            throw ExitCode.badInput
        }
        if report.fails(at: threshold) { throw ExitCode.findings }
    }

    /// `d` in seconds, to the millisecond: "1.234 s".
    private static func seconds(_ d: Duration) -> String {
        let (seconds, attoseconds) = d.components
        return String(format: "%.3f s", Double(seconds) + Double(attoseconds) / 1e18)
    }
}
