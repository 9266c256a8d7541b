import ArgumentParser

/// `--records PATH`, taken by every training command.
struct RecordsOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The training records database (default: `records` in handbook.yml, else .attest/records.sqlite under the root).",
            valueName: "PATH"))
    var records: String?
}
