import ArgumentParser
import Foundation
import HandbookContent
import Scan

/// `attest scan fingerprint`: reads one secret on standard input and prints its SHA-256 (hex), the
/// value for an inventory's `secret_sha256` column. The secret is never printed or stored.
struct ScanFingerprintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Print the SHA-256 of a secret read on standard input (for the inventory's secret_sha256).",
        discussion: "Surrounding spaces and the final newline are not part of the secret.")

    func run() async throws {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else {
            DiagnosticPrinter.print([.error("no secret on standard input", at: nil)])
            throw ExitCode.badInput
        }
        guard !secret.contains(where: \.isNewline) else {
            DiagnosticPrinter.print([.error("standard input holds more than one line; give one secret", at: nil)])
            throw ExitCode.badInput
        }
        print(ContentScanner.sha256Hex(secret))
    }
}
