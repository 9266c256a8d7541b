import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a scan report's files into a folder atomically: each file is written in full beside its
/// target first, and only when all are written are they renamed into place.
public enum ScanReportDirectoryWriter {
    /// Writes `report` in each of `formats` into `directory` (created when missing); the paths written.
    public static func write(_ report: ScanReport, formats: [ScanReportFormat], to directory: String) throws -> [String]
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [(temporary: String, final: String)] = []
        do {
            for format in formats {
                let final = (directory as NSString).appendingPathComponent(format.fileName)
                let temporary = (directory as NSString).appendingPathComponent(
                    ".\(format.fileName).\(UUID().uuidString).tmp")
                written.append((temporary, final))
                try Data(format.render(report)).write(to: URL(fileURLWithPath: temporary))
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
