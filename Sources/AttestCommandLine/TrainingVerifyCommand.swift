import ArgumentParser
import HandbookContent
import TrainingRecords

/// `attest training verify`: walks the hash chain of the records.
struct TrainingVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that no training record was edited, inserted or deleted.",
        discussion: """
            Prints "OK: N records, head HASH" and exits 0 when the chain is intact; names the first edited, \
            inserted or deleted record and exits 1 otherwise.

            The chain alone cannot show that its LAST records were deleted. Keep the head hash printed by an \
            earlier run (e.g. in the audit file) and pass it with --expect-head: verify then also fails when \
            that record is no longer in the chain. Records appended since are fine.
            """)

    @OptionGroup var rootOptions: RootOptions
    @OptionGroup var recordsOptions: RecordsOptions

    @Option(
        name: .customLong("expect-head"),
        help: ArgumentHelp(
            "A head hash printed by an earlier verify, which must still be in the chain.", valueName: "HASH"))
    var expectHead: String?

    func validate() throws {
        if let expectHead, expectHead.count != 64 || !expectHead.allSatisfy(\.isHexDigit) {
            throw ValidationError("--expect-head must be a SHA-256 hash: 64 hexadecimal digits")
        }
    }

    func run() async throws {
        let root = rootOptions.root
        var config: HandbookConfig?
        if recordsOptions.given == nil {
            let (loaded, diagnostics) = TrainingInputs.config(root: root)
            guard !diagnostics.hasErrors else {
                DiagnosticPrinter.print(diagnostics)
                throw ExitCode.badInput
            }
            config = loaded
        }
        let location = try TrainingInputs.recordsLocation(
            root: root, option: recordsOptions.records, config: config,
            passwordFile: recordsOptions.recordsPasswordFile)
        let (opened, diagnostics) = await TrainingInputs.openStore(location, mustExist: true)
        guard let store = opened else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }
        let verification: ChainVerification
        do {
            verification = try await store.verifyChain(expectedHead: expectHead)
            try await store.close()
        } catch {
            DiagnosticPrinter.print([
                .error("cannot read the training records '\(location.display)': \(error)", at: nil)
            ])
            throw ExitCode.badInput
        }
        if let problem = verification.problem {
            print("FAILED: \(problem)")
            print("(\(verification.recordCount) intact records checked in '\(location.display)')")
            throw ExitCode.findings
        }
        print("OK: \(verification.recordCount) records, head \(verification.head ?? "(none: no records)")")
    }
}
