import ArgumentParser
import Evidence
import Foundation

/// `attest evidence verify DIR`: recomputes every file's SHA-256 and size against manifest.json and
/// names each file changed, added or removed.
struct EvidenceVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an evidence package against its manifest.",
        discussion: "Exit codes: 0 intact; 1 a file changed, added or removed; 2 no readable package or manifest.")

    @Argument(help: ArgumentHelp("The package: its folder or its ZIP file.", valueName: "DIR|ZIP"))
    var package: String

    func run() async throws {
        let files: [EvidenceFile]
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: package, isDirectory: &isDirectory)
        do {
            if exists, !isDirectory.boolValue {
                files = try EvidenceZip.extract(Array(try Data(contentsOf: URL(fileURLWithPath: package))))
            } else {
                files = try EvidenceDirectory.read(package)
            }
        } catch {
            DiagnosticPrinter.print([.error("cannot read the evidence package '\(package)': \(error)", at: nil)])
            throw ExitCode.badInput
        }
        guard let manifest = files.first(where: { $0.path == EvidenceManifest.fileName }),
            let entries = EvidenceManifest.parseFiles(manifest.bytes)
        else {
            DiagnosticPrinter.print([
                .error("'\(package)' has no readable \(EvidenceManifest.fileName): not an evidence package", at: nil)
            ])
            throw ExitCode.badInput
        }
        let result = EvidenceVerification.compare(
            files: files.filter { $0.path != EvidenceManifest.fileName }, entries: entries)
        for path in result.changed { print("changed: \(path)") }
        for path in result.added { print("added: \(path)") }
        for path in result.removed { print("removed: \(path)") }
        if !result.isIntact { throw ExitCode.findings }
        print("intact: \(entries.count) files match \(EvidenceManifest.fileName)")
    }
}
