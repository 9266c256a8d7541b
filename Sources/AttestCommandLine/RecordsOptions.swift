import ArgumentParser

/// `--records PATH|URL` and `--records-password-file FILE`, taken by `serve`, every training command, `audit` and `evidence`.
struct RecordsOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The training records: a SQLite file, or postgres://USER@HOST[:PORT]/DB[?sslmode=…] (default: "
                + "ATTEST_RECORDS_URL, else `records` in handbook.yml; for serve and training, else "
                + ".attest/records.sqlite under the root).",
            valueName: "PATH|URL"))
    var records: String?

    @Option(
        name: .customLong("records-password-file"),
        help: ArgumentHelp(
            "A file holding the PostgreSQL password (else the URL's, else PGPASSWORD).", valueName: "FILE"))
    var recordsPasswordFile: String?

    /// `--records`, else `ATTEST_RECORDS_URL`.
    var given: String? { TrainingInputs.givenRecords(records) }
}
