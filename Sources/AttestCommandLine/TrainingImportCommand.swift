import ArgumentParser
import Foundation
import HandbookContent
import TrainingRecords

/// `attest training import FILE.csv`: completions from another training system.
struct TrainingImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import completions (or policy acceptances) from another training system (CSV) into the records.",
        discussion: """
            Columns (header row, any order): email, quiz, completed_at (YYYY-MM-DD or ISO 8601 date-time), \
            score_percent (0-100) and, optionally, passed (true/false; default: score >= the quiz's pass_percent).
            Every row is checked; on any error nothing is imported unless --skip-bad-rows, which lists the bad \
            rows and imports the rest. Importing the same completion again adds nothing. Imported records join \
            the same hash chain, with identity source "import".
            A file whose header has a policy column holds policy acceptances instead: email, policy (one with \
            acknowledge: true), version, accepted_at.
            """)

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var recordsOptions: RecordsOptions

    @Argument(help: ArgumentHelp("The CSV file of completions.", valueName: "FILE.csv"))
    var file: String

    @Flag(name: .customLong("skip-bad-rows"), help: "Import the good rows even when some rows are bad (listed).")
    var skipBadRows = false

    func run() async throws {
        let root = rootOptions.root
        let (loaded, handbookDiagnostics) = TrainingInputs.handbook(root: root)
        guard let handbook = loaded else {
            DiagnosticPrinter.print(handbookDiagnostics)
            throw ExitCode.badInput
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            DiagnosticPrinter.print([.error("cannot read '\(file)'", at: nil)])
            throw ExitCode.badInput
        }
        let read = CompletionImportReader.read(
            bytes: Array(data), path: file, quizzes: handbook.quizzes.filter { !$0.draft },
            policies: handbook.policiesInForce)
        if read.isUnusable || (read.diagnostics.hasErrors && !skipBadRows) {
            DiagnosticPrinter.print(read.diagnostics)
            StandardError.write("nothing imported\n")
            throw ExitCode.badInput
        }
        if !read.diagnostics.isEmpty {
            // The bad rows, listed as skipped.
            DiagnosticPrinter.print(
                read.diagnostics.map { Diagnostic(.warning, $0.message + " (row skipped)", at: $0.location) })
        }
        let location = try TrainingInputs.recordsLocation(
            root: root, option: recordsOptions.records, config: handbook.config,
            passwordFile: recordsOptions.recordsPasswordFile)
        let (opened, openDiagnostics) = await TrainingInputs.openStore(location, mustExist: false)
        guard let store = opened else {
            DiagnosticPrinter.print(openDiagnostics)
            throw ExitCode.badInput
        }
        let added: [AttemptRecord]
        do {
            added = try await store.append(contentsOf: read.attempts)
        } catch {
            DiagnosticPrinter.print([
                .error("cannot write the training records '\(location.display)': \(error)", at: nil)
            ])
            StandardError.write("nothing imported\n")
            throw ExitCode.badInput
        }
        try? await store.close()
        let known = read.attempts.count - added.count
        let noun = read.attempts.first?.kind == .acceptance ? "acceptance" : "completion"
        var summary = "imported \(added.count) \(noun)\(added.count == 1 ? "" : "s") into '\(location.display)'"
        if known > 0 { summary += "; \(known) already recorded" }
        if !read.badLines.isEmpty {
            summary += "; \(read.badLines.count) bad row\(read.badLines.count == 1 ? "" : "s") skipped"
        }
        print(summary)
    }
}
