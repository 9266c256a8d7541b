import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a report's files into a folder atomically: every file is first written in full to a
/// temporary file beside its target, and only when all are written are they renamed into place, so
/// that a failure leaves the previous reports untouched and nothing half-written.
public enum ReportDirectoryWriter {
    /// Writes `report` in each of `formats` into `directory` (created when missing); the paths written.
    public static func write(_ report: AuditReport, formats: [ReportFormat], to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [(temporary: String, final: String)] = []
        do {
            for format in formats {
                let final = (directory as NSString).appendingPathComponent(format.fileName)
                let temporary = (directory as NSString).appendingPathComponent(
                    ".\(format.fileName).\(UUID().uuidString).tmp")
                guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
                    throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
                }
                written.append((temporary, final))
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
                defer { try? handle.close() }
                let output = ReportOutput(handle: handle)
                format.writer.write(report, to: output)
                try output.finish()
            }
        } catch {
            for file in written { try? FileManager.default.removeItem(atPath: file.temporary) }
            throw error
        }
        for file in written where rename(file.temporary, file.final) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.final])
        }
        return written.map(\.final)
    }
}
