import ArgumentParser
import HandbookContent
import PostgresRecords
import TrainingRecords

/// `attest training migrate --from PATH.sqlite --to postgres://…`: copies the records, unchanged,
/// from a SQLite file to PostgreSQL, where the chain continues.
struct TrainingMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the training records from a SQLite file to PostgreSQL, where the chain continues.",
        discussion: """
            Both chains are verified: the source before anything is copied, the destination after. Records \
            are copied as they are (sequence, id, time, hashes, import keys), in batches, so `attest training \
            verify` prints the same head on both. A destination that already holds the first records of the \
            source (an interrupted run) gets the rest; one holding other records is refused. Marks of used \
            invitation links come along. Sessions and links stay valid only with the same signing key: pass \
            the old server.key with --signing-key-file to the servers, or sign people in again.
            """)

    @Option(help: ArgumentHelp("The SQLite records to copy.", valueName: "PATH"))
    var from: String

    @Option(
        help: ArgumentHelp("The PostgreSQL database: postgres://USER@HOST[:PORT]/DB[?sslmode=…].", valueName: "URL"))
    var to: String

    @Option(
        name: .customLong("records-password-file"),
        help: ArgumentHelp(
            "A file holding the PostgreSQL password (else the URL's, else PGPASSWORD).", valueName: "FILE"))
    var recordsPasswordFile: String?

    func validate() throws {
        if PostgresLocation.isPostgresURL(from) { throw ValidationError("--from must be a SQLite file") }
        if !PostgresLocation.isPostgresURL(to) {
            throw ValidationError("--to must be a postgres:// URL: postgres://USER@HOST[:PORT]/DB[?sslmode=…]")
        }
    }

    /// Records per transaction on the destination.
    static let batchSize = 1000

    func run() async throws {
        let sourceLocation = try TrainingInputs.recordsLocation(
            root: ".", option: from, config: nil, passwordFile: nil)
        let destinationLocation = try TrainingInputs.recordsLocation(
            root: ".", option: to, config: nil, passwordFile: recordsPasswordFile)
        guard case .sqlite(let sourcePath) = sourceLocation.store else { throw ExitCode.badInput }
        let source: SQLiteRecordStore
        do {
            source = try SQLiteRecordStore(path: sourcePath, createIfMissing: false)
        } catch {
            DiagnosticPrinter.print([.error(Self.message(error, sourceLocation.display), at: nil)])
            throw ExitCode.badInput
        }
        defer { try? source.close() }
        let entries: [ChainEntry]
        let marks: [InvitationMark]
        let reminders: [ReminderLogEntry]
        let before: ChainVerification
        do {
            before = try await source.verifyChain()
            entries = try await source.chainEntries()
            marks = try await source.invitationMarks()
            reminders = try await source.reminderLog()
        } catch {
            throw Self.failure("cannot read '\(sourceLocation.display)': \(error)")
        }
        if let problem = before.problem {
            throw Self.failure(
                "the records '\(sourceLocation.display)' fail verification (\(problem)); nothing was copied")
        }
        print("source: \(before.recordCount) records, head \(before.head ?? "(none)") in '\(sourceLocation.display)'")

        let (opened, diagnostics) = await TrainingInputs.openStore(destinationLocation, mustExist: false)
        guard let destination = opened as? PostgresRecordStore else {
            DiagnosticPrinter.print(diagnostics)
            throw ExitCode.badInput
        }
        do {
            // What is there already must be the source's first records, unchanged.
            let present = try await destination.chainEntries()
            guard present.count <= entries.count, zip(present, entries).allSatisfy({ $0.record == $1.record }) else {
                try? await destination.close()
                throw Self.failure(
                    "'\(destinationLocation.display)' already holds \(present.count) records that are not the "
                        + "first records of '\(sourceLocation.display)'; nothing was copied")
            }
            var copied = 0
            for start in stride(from: present.count, to: entries.count, by: Self.batchSize) {
                let batch = Array(entries[start..<min(start + Self.batchSize, entries.count)])
                try await destination.appendCopies(batch)
                copied += batch.count
            }
            try await destination.addInvitationMarks(marks)
            try await destination.addReminderLog(reminders)
            let after = try await destination.verifyChain(expectedHead: before.head)
            try? await destination.close()
            if let problem = after.problem {
                throw Self.failure("after copying, '\(destinationLocation.display)' fails verification: \(problem)")
            }
            guard after.recordCount == before.recordCount, after.head == before.head else {
                throw Self.failure(
                    "after copying, '\(destinationLocation.display)' holds \(after.recordCount) records (head "
                        + "\(after.head ?? "none")), not the source's \(before.recordCount)")
            }
            let kept = present.isEmpty ? "" : " (\(present.count) were there already)"
            print(
                "copied \(copied) records\(kept), \(marks.count) used invitation links and \(reminders.count) "
                    + "reminder ledger rows")
            print(
                "OK: \(after.recordCount) records, head \(after.head ?? "(none: no records)") in '\(destinationLocation.display)'"
            )
        } catch let code as ExitCode {
            throw code
        } catch {
            try? await destination.close()
            throw Self.failure("cannot copy to '\(destinationLocation.display)': \(error)")
        }
    }

    private static func message(_ error: RecordStoreError, _ display: String) -> String {
        switch error {
        case .notFound: "no training records at '\(display)'"
        case .cannotOpen(_, let reason): "cannot open the training records '\(display)': \(reason)"
        default: error.description
        }
    }

    /// Prints `message` as an error; the exit code to throw (2: nothing was copied, or the copy is wrong).
    private static func failure(_ message: String) -> ExitCode {
        DiagnosticPrinter.print([.error(message, at: nil)])
        return ExitCode.badInput
    }
}
