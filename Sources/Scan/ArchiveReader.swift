import Foundation
import ZIPFoundation

/// Opens the zip-based archives an app or a library ships in (`.zip`, `.jar`, `.apk`, `.aab`,
/// `.ipa`) and hands each file inside to the scanner; an archive inside one is opened too, once.
enum ArchiveReader {
    /// The extensions opened as archives (lower case).
    static let extensions: Set<String> = ["zip", "jar", "apk", "aab", "ipa"]
    /// The most bytes read from one entry; a larger one is read that far and a warning says so.
    static let entryLimit = 64 << 20
    /// How deep archives are opened: the archive itself, then one level inside it.
    static let maximumDepth = 1

    /// Why an archive could not be read.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct EntryTooLarge: Error {}

    /// Whether `name` is opened as an archive.
    static func isArchive(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// Every file in the archive at `url`, shown as `name`: `visit(path, bytes)` for each, with the
    /// entries of nested archives as `name!inner.jar!file`. Throws when the archive itself cannot be
    /// read; problems inside it (a corrupt entry, a corrupt nested archive) are `warnings`.
    static func read(
        url: URL, name: String, warnings: inout [String], visit: (String, UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure(description: "not a readable zip archive (\(error))")
        }
        try read(archive, name: name, depth: 0, warnings: &warnings, visit: visit)
    }

    /// As ``read(url:name:warnings:visit:)``, for an archive held in memory (an entry of another
    /// archive, a blob). It is read from a temporary file: ZIPFoundation's in-memory archives
    /// (`Archive(data:)`) crash on some corrupt bytes (a seek past the end; found by fuzzing).
    static func read(
        bytes: [UInt8], name: String, depth: Int, warnings: inout [String],
        visit: (String, UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-archive-\(UUID().uuidString)")
        do {
            try Data(bytes).write(to: url)
        } catch {
            throw Failure(description: "not readable: it could not be written aside to be opened (\(error))")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure(description: "not a readable zip archive (\(error))")
        }
        try read(archive, name: name, depth: depth, warnings: &warnings, visit: visit)
    }

    private static func read(
        _ archive: Archive, name: String, depth: Int, warnings: inout [String],
        visit: (String, UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        for entry in archive where entry.type == .file {
            let path = "\(name)!\(entry.path)"
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(entryLimit))))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data in
                    guard bytes.count + data.count <= entryLimit else {
                        bytes.append(contentsOf: data.prefix(entryLimit - bytes.count))
                        throw EntryTooLarge()
                    }
                    bytes.append(contentsOf: data)
                }
            } catch is EntryTooLarge {
                warnings.append(
                    "\(path) is larger than \(entryLimit >> 20) MB: only its first \(entryLimit >> 20) MB were scanned")
            } catch {
                warnings.append(
                    "\(path) could not be read from its archive (\(error)); its readable bytes were scanned")
            }
            if depth < maximumDepth, isArchive(entry.path) {
                do {
                    try read(bytes: bytes, name: path, depth: depth + 1, warnings: &warnings, visit: visit)
                    continue
                } catch {
                    warnings.append("\(path) is \(error); it was scanned as bytes")
                }
            }
            bytes.withUnsafeBufferPointer { visit(path, $0) }
        }
    }
}
