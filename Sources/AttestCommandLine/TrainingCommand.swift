import ArgumentParser

/// `attest training`: the training records (verify, status, export, import) and invitations.
struct TrainingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training",
        abstract: "Check, report, export and import the training records; invite and remind people.",
        discussion: """
            Every subcommand takes --root DIR and --records PATH|URL: a SQLite file or postgres://USER@HOST[:PORT]/DB \
            (default: ATTEST_RECORDS_URL, else `records` in content/handbook.yml, else .attest/records.sqlite under \
            the root).
            """,
        subcommands: [
            TrainingVerifyCommand.self, TrainingStatusCommand.self, TrainingExportCommand.self,
            TrainingImportCommand.self, TrainingInviteCommand.self, TrainingMigrateCommand.self,
            TrainingRemindCommand.self,
        ]
    )
}
