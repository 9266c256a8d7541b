import ArgumentParser
import HandbookContent
import TrainingRecords

/// `attest training export`: every attempt as CSV or as xAPI statements.
struct TrainingExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every attempt as CSV or as xAPI 1.0.3 statements (a JSON array).",
        discussion: """
            xAPI activity ids are the quiz pages under the handbook's base_url (handbook.yml), which must be an \
            absolute http(s) URL, or --base-url. Statement ids are derived from each record, so exporting again \
            gives the same ids.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, xapi
    }

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var recordsOptions: RecordsOptions

    @Option(name: .long, help: "csv or xapi.")
    var format: Format

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The roster CSV, for actor names (default: `people` in handbook.yml).", valueName: "PATH"))
    var people: String?

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp("The base of xAPI activity ids (default: base_url in handbook.yml).", valueName: "URL"))
    var baseURL: String?

    func run() async throws {
        let root = rootOptions.root
        var handbook: Handbook?
        var config: HandbookConfig?
        if format == .xapi {
            // xAPI needs the quizzes, policies and base URL.
            let (loaded, diagnostics) = TrainingInputs.handbook(root: root)
            DiagnosticPrinter.print(diagnostics)
            guard let loaded else { throw ExitCode.badInput }
            handbook = loaded
            config = loaded.config
        } else if recordsOptions.given == nil {
            let (loaded, diagnostics) = TrainingInputs.config(root: root)
            DiagnosticPrinter.print(diagnostics)
            if diagnostics.hasErrors { throw ExitCode.badInput }
            config = loaded
        }
        let location = try TrainingInputs.recordsLocation(
            root: root, option: recordsOptions.records, config: config,
            passwordFile: recordsOptions.recordsPasswordFile)
        let (opened, openDiagnostics) = await TrainingInputs.openStore(location, mustExist: true)
        guard let store = opened else {
            DiagnosticPrinter.print(openDiagnostics)
            throw ExitCode.badInput
        }
        let records = try await TrainingInputs.allRecords(store, location)
        try? await store.close()
        let text: String
        switch format {
        case .csv:
            text = AttemptCSVExport.csv(records)
        case .xapi:
            guard let handbook else { throw ExitCode.badInput }
            var roster = Roster.empty
            if people != nil || handbook.config.people != nil {
                let (read, diagnostics) = TrainingInputs.roster(root: root, option: people, config: handbook.config)
                DiagnosticPrinter.print(diagnostics)
                guard let read else { throw ExitCode.badInput }
                roster = read
            }
            let base = baseURL ?? handbook.config.baseURL
            guard
                let writer = XAPIStatementWriter(
                    baseURL: base, quizzes: handbook.quizzes, policies: handbook.policies, roster: roster)
            else {
                DiagnosticPrinter.print([
                    .error(
                        "xAPI activity ids need an absolute base URL, but base_url is '\(base)': set base_url in "
                            + "content/handbook.yml or pass --base-url", at: nil)
                ])
                throw ExitCode.badInput
            }
            text = writer.document(records)
        }
        let writeDiagnostics = TrainingInputs.write(text, to: output)
        guard writeDiagnostics.isEmpty else {
            DiagnosticPrinter.print(writeDiagnostics)
            throw ExitCode.badInput
        }
    }
}
