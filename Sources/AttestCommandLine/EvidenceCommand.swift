import ArgumentParser
import Audit
import Evidence
import Foundation
import HandbookContent
import TrainingRecords

/// `attest evidence`: one period's policies, training and audit as a reproducible package with a
/// manifest; `attest evidence verify` checks a package against its manifest.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Write an evidence package for an audit period (policies, training, audit, manifest).",
        discussion: """
            Exit codes: 0 written; 2 bad input (dates out of order, no policy in force, missing or damaged \
            records, an unreadable git history, no weasyprint without --no-pdf; nothing is written). The same \
            inputs give a byte-identical package, the policies' PDFs included (made with WeasyPrint).
            """,
        subcommands: [EvidenceVerifyCommand.self])

    @OptionGroup var rootOptions: RootOptions

    @Option(help: ArgumentHelp("The period's first day.", valueName: "YYYY-MM-DD"))
    var from: String?

    @Option(help: ArgumentHelp("The period's last day.", valueName: "YYYY-MM-DD"))
    var to: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The package's date, shown on its index (default: --to).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(help: ArgumentHelp("Where to write the package (default: ROOT/evidence).", valueName: "DIR"))
    var output: String?

    @Flag(help: "Write the package as one ZIP file, DIR.zip, instead of a folder.")
    var zip = false

    @Option(
        name: .customLong("inventory"), parsing: .upToNextOption,
        help: ArgumentHelp("Key inventories for the audit (without one the package has no audit/).", valueName: "FILE"))
    var inventories: [String] = []

    /// --owner-map, --people, --records, --exposures: as `attest audit` takes them (the audit's inputs).
    @OptionGroup var inputOptions: AuditInputOptions

    @Option(
        help: ArgumentHelp(
            "An audit history (attest audit --history): its runs in the period go into audit/ with their trend; "
                + "the file is only read.", valueName: "PATH"))
    var history: String?

    @Flag(
        name: .customLong("no-pdf"),
        help: "Write the policies as HTML only (without this, a missing weasyprint is an error).")
    var noPDF = false

    func run() async throws {
        var usage: [String] = []
        func date(_ text: String?, _ name: String) -> CalendarDate? {
            guard let text else {
                usage.append("give \(name) YYYY-MM-DD")
                return nil
            }
            guard let date = CalendarDate(parsing: text) else {
                usage.append("\(name) must be a date YYYY-MM-DD, got '\(text)'")
                return nil
            }
            return date
        }
        let fromDate = date(from, "--from"), toDate = date(to, "--to")
        let asOfDate = asOf == nil ? toDate : date(asOf, "--as-of")
        if let fromDate, let toDate, toDate < fromDate {
            usage.append("the period is out of order: --from \(fromDate) is after --to \(toDate)")
        }
        guard usage.isEmpty, let fromDate, let toDate, let asOfDate else {
            DiagnosticPrinter.print(usage.map { .error($0, at: nil) })
            throw ExitCode.badInput
        }

        let root = rootOptions.root
        // The PDF engine first: without it (and without --no-pdf) nothing else is worth reading.
        var renderer: PolicyPDFRenderer?
        if !noPDF {
            guard let executable = PolicyPDFRenderer.locate() else {
                DiagnosticPrinter.print([
                    .error(
                        "weasyprint is not on PATH: install it (apt-get install weasyprint) to make the policies' "
                            + "PDFs, or pass --no-pdf for HTML only", at: nil)
                ])
                throw ExitCode.badInput
            }
            // Every date WeasyPrint would take from the clock is the period's end.
            renderer = PolicyPDFRenderer(executable: executable, sourceDateEpoch: toDate.daysSinceEpoch * 86_400)
        }
        let loaded = await AuditInputs.load(
            root: root, options: inputOptions.inputs(history: history, recordsRequired: true))
        var diagnostics = loaded.diagnostics
        let files = loaded.files
        if loaded.peoplePath == nil {
            diagnostics.append(.error("no roster: pass --people FILE or set `people` in content/handbook.yml", at: nil))
        }
        if loaded.recordsPath == nil {
            diagnostics.append(
                .error("no training records: pass --records PATH or set `records` in content/handbook.yml", at: nil))
        }
        // A policy is in force during the period when it is not a draft and was reviewed by its end.
        let policies = (loaded.handbook?.policiesInForce ?? []).filter { $0.lastReviewed <= toDate }
        if loaded.handbook != nil, policies.isEmpty {
            diagnostics.append(.error("no policy is in force during \(fromDate) to \(toDate)", at: nil))
        }
        guard let handbook = loaded.handbook, let roster = loaded.roster, let attempts = loaded.attempts,
            !diagnostics.hasErrors
        else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }

        var inputs: [EvidenceInput] = policies.sorted { $0.sourcePath < $1.sourcePath }.map {
            EvidenceInput(kind: "policy", path: $0.sourcePath, sha256: $0.sourceSHA256)
        }
        inputs += loaded.otherInputs.map { EvidenceInput(kind: $0.kind, path: $0.path, sha256: $0.sha256) }
        var audit: AuditReport?
        if !inventories.isEmpty {
            let training = TrainingStatus.compute(
                quizzes: handbook.quizzes, policies: handbook.policies, roster: roster,
                records: attempts.filter {
                    CalendarDate(parsing: $0.recordedAt.prefix(10)).map { $0 <= toDate } ?? false
                },
                asOf: toDate)
            // The audit history's runs in the period, oldest first; this package's audit is added last.
            let earlier = loaded.history?.filter { $0.asOf >= fromDate && $0.asOf <= toDate }
                .sorted { ($0.asOf, $0.generatedAt) < ($1.asOf, $1.generatedAt) }
            let runner = AuditRunner(
                policies: handbook.policies, quizzes: handbook.quizzes, roster: roster, training: training,
                configuration: AuditRunner.Configuration(
                    asOf: toDate, generatedAt: "\(toDate)T23:59:59Z", toolVersion: Attest.version,
                    skipBadRows: false, format: nil, ownerMap: loaded.ownerMap, otherInputs: loaded.otherInputs,
                    history: earlier, exposures: loaded.exposures, redactor: loaded.redactor))
            let outcome = runner.run(inventories: inventories.map { files.inventorySource($0) })
            guard let report = outcome.report, !outcome.diagnostics.hasErrors else {
                DiagnosticPrinter.print(diagnostics + outcome.diagnostics)
                throw ExitCode.badInput
            }
            diagnostics += outcome.diagnostics
            audit = report
            for path in inventories {
                let digest = (try? FileDigest.sha256(ofFileAt: path)) ?? ""
                inputs.append(EvidenceInput(kind: "inventory", path: files.displayPath(path), sha256: digest))
            }
        } else if !inputOptions.exposures.isEmpty || history != nil || inputOptions.ownerMap != nil {
            diagnostics.append(
                .warning("--exposures, --history and --owner-map feed the audit, which needs --inventory", at: nil))
        }
        var histories: [String: [PolicyRevision]] = [:]
        for policy in policies {
            do {
                let path = (root as NSString).appendingPathComponent(policy.sourcePath)
                if let revisions = try PolicyHistoryReader.history(ofFileAt: path) { histories[policy.id] = revisions }
            } catch {
                diagnostics.append(.error("cannot read the git history of \(policy.sourcePath): \(error)", at: nil))
            }
        }
        var pdfEngine: String?
        if let renderer {
            do {
                pdfEngine = try renderer.version()
            } catch {
                diagnostics.append(.error("\(error)", at: nil))
            }
        }
        DiagnosticPrinter.print(diagnostics)
        if diagnostics.hasErrors { throw ExitCode.badInput }

        let package = EvidencePackage(
            organization: handbook.config.organization, handbookTitle: handbook.config.title, from: fromDate,
            to: toDate, asOf: asOfDate, toolVersion: Attest.version, policies: policies, quizzes: handbook.quizzes,
            roster: roster, records: attempts, baseURL: handbook.config.baseURL, audit: audit, inputs: inputs,
            histories: histories, redactor: loaded.redactor, pdfEngine: pdfEngine)
        var pdfs: [EvidenceFile] = []
        if let renderer {
            do {
                pdfs = try renderer.render(package.printPages())
            } catch {
                DiagnosticPrinter.print([.error("cannot make the policies' PDFs: \(error)", at: nil)])
                throw ExitCode.badInput
            }
        }
        let packageFiles = package.files(pdfs: pdfs)
        var directory = output ?? (root as NSString).appendingPathComponent("evidence")
        do {
            if zip {
                if !directory.hasSuffix(".zip") { directory += ".zip" }
                try Data(try EvidenceZip.archive(packageFiles)).write(
                    to: URL(fileURLWithPath: directory), options: .atomic)
            } else {
                try EvidenceDirectory.write(packageFiles, to: directory)
            }
        } catch {
            DiagnosticPrinter.print([
                .error("cannot write the evidence package to \(directory): \(error.localizedDescription)", at: nil)
            ])
            throw ExitCode.badInput
        }
        print("Evidence for \(fromDate) to \(toDate): \(packageFiles.count) files in \(directory)")
    }
}
