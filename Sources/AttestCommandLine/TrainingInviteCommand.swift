import ArgumentParser
import AttestServer
import Foundation
import HandbookContent

/// `attest training invite EMAIL`: prints a signed, expiring invitation link that opens a session on
/// `attest serve` once (signed with the key beside the records database, which the server uses too;
/// its use is recorded in that database).
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

    @Option(
        help: ArgumentHelp(
            "The training records database (default: `records` in handbook.yml, else .attest/records.sqlite under the root).",
            valueName: "PATH"))
    var records: String?

    func validate() throws {
        if !(1...366).contains(expiresInDays) { throw ValidationError("--expires-in-days must be 1…366") }
    }

    func run() async throws {
        let root = rootOptions.root
        var config: HandbookConfig?
        if baseURL == nil || records == nil {
            let (handbook, diagnostics) = HandbookLoader.load(root: root)
            DiagnosticPrinter.print(diagnostics)
            guard let handbook else { throw ExitCode.badInput }
            config = handbook.config
        }
        let recordsPath = records ?? ServeCommand.join(root, config?.records ?? ".attest/records.sqlite")
        // handbook.yml's base_url is used only when it is absolute (the default "/" names no server).
        let configured = config.map(\.baseURL).flatMap { $0.lowercased().hasPrefix("http") ? $0 : nil }
        let base = baseURL ?? configured ?? "http://127.0.0.1:8080"
        do throws(ServerSetupError) {
            let key = try ServerSigningKey.loadOrCreate(at: ServerSigningKey.defaultPath(forRecords: recordsPath))
            print(try InvitationLink.make(email: email, validForDays: expiresInDays, baseURL: base, key: key))
        } catch {
            DiagnosticPrinter.print([.error(error.description, at: nil)])
            throw ExitCode.badInput
        }
    }
}
