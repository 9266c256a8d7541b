import ArgumentParser
import AttestServer
import Foundation
import HandbookContent
import PostgresRecords
import TrainingRecords

/// `attest training invite EMAIL`: prints a signed, expiring invitation link that opens a session on
/// `attest serve` once. It is signed with the key the server uses (see ``SigningKeySource``: a
/// `--signing-key-file`, the PostgreSQL records, or the file beside the SQLite records); its use is
/// recorded in the records.
struct TrainingInviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Print a signed, expiring link that signs EMAIL in to the training server, once.")

    @OptionGroup var rootOptions: RootOptions

    @Argument(help: "The person's email, as in the roster.")
    var email: String

    @Option(help: "Days until the link expires (1…366).")
    var expiresInDays: Int = 7

    @Option(help: ArgumentHelp("The server's address (default: `base_url` in handbook.yml).", valueName: "URL"))
    var baseURL: String?

    /// --records (whose signing key the server uses) and --records-password-file.
    @OptionGroup var recordsOptions: RecordsOptions

    @Option(
        name: .customLong("signing-key-file"),
        help: ArgumentHelp(
            "The server's signing key file, when it is given one (--signing-key-file).", valueName: "FILE"))
    var signingKeyFile: String?

    func validate() throws {
        if !(1...366).contains(expiresInDays) { throw ValidationError("--expires-in-days must be 1…366") }
    }

    func run() async throws {
        let root = rootOptions.root
        var config: HandbookConfig?
        if baseURL == nil || recordsOptions.given == nil {
            let (handbook, diagnostics) = HandbookLoader.load(root: root)
            DiagnosticPrinter.print(diagnostics)
            guard let handbook else { throw ExitCode.badInput }
            config = handbook.config
        }
        let location = try TrainingInputs.recordsLocation(
            root: root, option: recordsOptions.records, config: config, passwordFile: recordsOptions.recordsPasswordFile
        )
        // handbook.yml's base_url is used only when it is absolute (the default "/" names no server).
        let configured = config.map(\.baseURL).flatMap { $0.lowercased().hasPrefix("http") ? $0 : nil }
        let base = baseURL ?? configured ?? "http://127.0.0.1:8080"
        // Only PostgreSQL keeps the key in the records; a SQLite file is not opened for it.
        var store: (any RecordStore)?
        if case .postgres = location.store, signingKeyFile == nil {
            let (opened, diagnostics) = await TrainingInputs.openStore(location, mustExist: false)
            guard let opened else {
                DiagnosticPrinter.print(diagnostics)
                throw ExitCode.badInput
            }
            store = opened
        }
        do {
            let key = try await SigningKeySource.key(file: signingKeyFile, records: location, store: store)
            try? await store?.close()
            print(try InvitationLink.make(email: email, validForDays: expiresInDays, baseURL: base, key: key))
        } catch let error as ServerSetupError {
            DiagnosticPrinter.print([.error(error.description, at: nil)])
            throw ExitCode.badInput
        }
    }
}
