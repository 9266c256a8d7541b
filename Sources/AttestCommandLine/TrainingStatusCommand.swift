import ArgumentParser
import Foundation
import HandbookContent
import Scan
import Secrets
import TrainingRecords

/// `attest training status`: each person × required quiz, and completion per team.
struct TrainingStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show who is current, due soon, overdue or has never done each required quiz or acceptance.",
        discussion: """
            A pass counts for the quiz's valid_days; it is due soon within 30 days of expiry. A new major \
            version of a policy the quiz covers re-opens the requirement. A policy with `acknowledge: true` must be \
            accepted, again after each new major version. Completion per team is the share of requirements \
            current or due soon. --format html writes a static page (no script) with a completion chart per team.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, html
    }

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var recordsOptions: RecordsOptions

    @Option(name: .long, help: ArgumentHelp("The roster CSV (default: `people` in handbook.yml).", valueName: "PATH"))
    var people: String?

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The date to report on (default: today, UTC).", valueName: "DATE"))
    var asOf: String?

    @Option(name: .long, help: "table, csv, json or html.")
    var format: Format = .table

    func validate() throws {
        if let asOf, CalendarDate(parsing: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date (YYYY-MM-DD)")
        }
    }

    func run() async throws {
        let root = rootOptions.root
        let (loaded, handbookDiagnostics) = TrainingInputs.handbook(root: root)
        guard let handbook = loaded else {
            DiagnosticPrinter.print(handbookDiagnostics)
            throw ExitCode.badInput
        }
        let (roster, rosterDiagnostics) = TrainingInputs.roster(root: root, option: people, config: handbook.config)
        DiagnosticPrinter.print(handbookDiagnostics + rosterDiagnostics)
        guard let roster else { throw ExitCode.badInput }
        let location = try TrainingInputs.recordsLocation(
            root: root, option: recordsOptions.records, config: handbook.config,
            passwordFile: recordsOptions.recordsPasswordFile)
        let records = try await Self.records(at: location)
        let status = TrainingStatus.compute(
            quizzes: handbook.quizzes.filter { !$0.draft }, policies: handbook.policiesInForce, roster: roster,
            records: records, asOf: asOf.flatMap { CalendarDate(parsing: $0) } ?? TrainingInputs.today)
        let report: TrainingStatusReport.Format =
            switch format {
            case .table: .table
            case .csv: .csv
            case .json: .json
            case .html: .html
            }
        let text =
            format == .html
            ? TrainingStatusPage(status: status, title: "\(handbook.config.title): training status").html
            : TrainingStatusReport.render(status, format: report)
        // Roster fields are free text: a secret pasted into one is shown as the one redactor shows it
        // (the leak scanner's catalogue, with the handbook's own rules).
        let (catalogue, ruleDiagnostics) = ScanRules.catalogue(root: root)
        DiagnosticPrinter.print(ruleDiagnostics)
        guard let catalogue, !ruleDiagnostics.hasErrors else { throw ExitCode.badInput }
        print(SecretRedactor(catalogue: catalogue).redact(text).text, terminator: "")
    }

    /// The records; none when the default database does not exist yet (nobody has taken a quiz).
    static func records(at location: TrainingInputs.RecordsLocation) async throws -> [AttemptRecord] {
        if !location.isExplicit, !FileManager.default.fileExists(atPath: location.path) { return [] }
        let (opened, diagnostics) = await TrainingInputs.openStore(location, mustExist: true)
        guard let store = opened else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }
        let records = try await TrainingInputs.allRecords(store, location)
        try? await store.close()
        return records
    }
}
