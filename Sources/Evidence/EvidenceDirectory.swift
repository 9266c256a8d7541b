import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes a package as a folder. Writing goes to a sibling folder first; only when every
/// file is written is it renamed into place (a previous package is replaced whole), so a failure
/// leaves nothing half-written.
public enum EvidenceDirectory {
    /// Writes `files` into `directory`, replacing what was there.
    public static func write(_ files: [EvidenceFile], to directory: String) throws {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
            }
            if fileManager.fileExists(atPath: staging.path) == false {
                try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            }
            var old: URL?
            if fileManager.fileExists(atPath: target.path) {
                let aside = parent.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).old")
                try fileManager.moveItem(at: target, to: aside)
                old = aside
            }
            guard rename(staging.path, target.path) == 0 else {
                if let old { try? fileManager.moveItem(at: old, to: target) }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
            if let old { try? fileManager.removeItem(at: old) }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Every regular file under `directory`, with paths relative to it, sorted.
    public static func read(_ directory: String) throws -> [EvidenceFile] {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory]) }
        var files: [EvidenceFile] = []
        for case let url as URL in enumerator {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            files.append(EvidenceFile(path: path, bytes: Array(try Data(contentsOf: url))))
        }
        return files.sorted { $0.path < $1.path }
    }
}
