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

    @Option(
        help: ArgumentHelp(
            "The training records: a SQLite file or a postgres:// URL (default: ATTEST_RECORDS_URL, else "
                + "handbook.yml's records).", valueName: "PATH|URL"))
    var records: String?

    @Option(
        name: .customLong("records-password-file"),
        help: ArgumentHelp(
            "A file holding the PostgreSQL password (else the URL's, else PGPASSWORD).", valueName: "FILE"))
    var recordsPasswordFile: String?

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
            people: people, records: records, recordsPasswordFile: recordsPasswordFile,
            ownerMap: ownerMap, history: history, exposures: exposures, recordsRequired: recordsRequired)
    }
}
