import ArgumentParser

/// The options that name an audit's side inputs, the same for `attest audit` and `attest evidence`:
/// `--people`, `--records` (and its password file), `--owner-map` and `--exposures`.
struct AuditInputOptions: ParsableArguments {
    @Option(
        name: .customLong("owner-map"),
        help: ArgumentHelp("CSV iam_user,email: owners of credential-report keys.", valueName: "FILE"))
    var ownerMap: String?

    @Option(help: ArgumentHelp("The roster CSV (default: handbook.yml's people).", valueName: "FILE"))
    var people: String?

    /// --records and --records-password-file, as every training command takes them.
    @OptionGroup var recordsOptions: RecordsOptions

    @Option(
        name: .customLong("exposures"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Leak scan reports (attest scan's report.json): keys they saw are exposed from the first sighting.",
            valueName: "FILE"))
    var exposures: [String] = []

    /// What ``AuditInputs/load(root:options:)`` reads, with `history` (each command says what it
    /// does with it) and whether the records must exist.
    func inputs(history: String?, recordsRequired: Bool = false) -> AuditInputs.Options {
        AuditInputs.Options(
            people: people, records: recordsOptions.records, recordsPasswordFile: recordsOptions.recordsPasswordFile,
            ownerMap: ownerMap, history: history, exposures: exposures, recordsRequired: recordsRequired)
    }
}
