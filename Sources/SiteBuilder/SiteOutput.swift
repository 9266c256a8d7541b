import Foundation
import HandbookContent

/// Writes a site atomically: everything goes into a staging folder beside the output folder,
/// which replaces the output folder only once the whole build succeeded. Files are not synced
/// one by one (a build can be redone; speed matters more).
struct SiteOutput: Sendable {
    /// The final output folder.
    let directory: String
    /// Where this build writes, beside `directory`.
    let staging: String

    /// Why an output folder may not be replaced.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// The file every site Attest writes has; an existing output folder without it is not replaced.
    static let marker = "search-index.json"

    /// Checks that replacing `directory` cannot destroy anything but an earlier site: it must not
    /// hold the handbook's sources, and if it exists it must be empty or a site Attest built.
    static func checkReplaceable(_ directory: String, protecting sources: [String]) throws {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL.path
        for source in sources {
            let protected = URL(fileURLWithPath: source).standardizedFileURL.path
            if protected == target || protected.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
                throw Refusal(description: "refusing to write the site to '\(directory)': it holds '\(source)'")
            }
        }
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw Refusal(description: "refusing to write the site to '\(directory)': it is a file, not a folder")
        }
        let entries = (try? fileManager.contentsOfDirectory(atPath: target)) ?? []
        if !entries.isEmpty, !entries.contains(marker) {
            throw Refusal(
                description:
                    "refusing to replace '\(directory)': it is not a site built by Attest (it has no \(marker)); "
                    + "remove it or choose another --output")
        }
    }

    /// Creates a fresh staging folder beside `directory` (`site.tmp-1a2b3c4d`).
    static func stage(beside directory: String) throws -> SiteOutput {
        let target = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let staging = target + ".tmp-" + Self.token()
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        return SiteOutput(directory: target, staging: staging)
    }

    /// Creates these folders (relative to the site root) in the staging folder.
    func createDirectories(_ relativePaths: Set<String>) throws {
        for path in relativePaths.sorted() where !path.isEmpty {
            try FileManager.default.createDirectory(atPath: staging + "/" + path, withIntermediateDirectories: true)
        }
    }

    /// Writes `text` as UTF-8 to `relativePath`; its folder must exist.
    ///
    /// Plain POSIX writes: Foundation's `Data.write(to:)` fsyncs every file, which cost a tenth of
    /// a 10,000-page build. The staging folder is swapped in whole, so a crash loses only the build.
    func write(_ text: String, to relativePath: String) throws {
        try Self.writeFile(text, atPath: staging + "/" + relativePath)
    }

    /// Writes `pieces` one after the other to `relativePath`; its folder must exist.
    func write(pieces: [String], to relativePath: String) throws {
        try Self.writeFile(pieces: pieces, atPath: staging + "/" + relativePath)
    }

    /// Replaces the file at `path` with `pieces` written one after the other, atomically.
    static func replaceFile(atPath path: String, pieces: [String]) throws {
        try replaceFile(atPath: path) { try writeFile(pieces: pieces, atPath: $0) }
    }

    /// Replaces the file at `path` with `text` atomically (a temporary file beside it, renamed over
    /// it), creating its folder: how a rebuild under `--watch` changes one file of a published site.
    static func replaceFile(atPath path: String, with text: String) throws {
        try replaceFile(atPath: path) { try writeFile(text, atPath: $0) }
    }

    /// Replaces the file at `path` with a copy of `source` atomically, creating its folder.
    static func replaceFile(atPath path: String, copying source: String) throws {
        try replaceFile(atPath: path) { try FileManager.default.copyItem(atPath: source, toPath: $0) }
    }

    /// Creates `path`'s folder, lets `write` fill a temporary file beside `path`, and renames it over
    /// `path`; on any failure the temporary file is removed and `path` is left as it was.
    private static func replaceFile(atPath path: String, writing write: (String) throws -> Void) throws {
        try FileManager.default.createDirectory(
            atPath: SiteURL.directory(of: path), withIntermediateDirectories: true)
        let temporary = path + ".tmp-" + token()
        do {
            try write(temporary)
            try renameFile(temporary, to: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private static func renameFile(_ from: String, to path: String) throws {
        guard rename(from, path) == 0 else {
            throw Refusal(description: "cannot replace '\(path)': \(errorText())")
        }
    }

    private static func writeFile(_ text: String, atPath path: String) throws {
        try writeFile(pieces: [text], atPath: path)
    }

    /// Writes `pieces` in order; small pieces are gathered into one buffer, large ones written as they are.
    private static func writeFile(pieces: [String], atPath path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Refusal(description: "cannot create '\(path)': \(Self.errorText())") }
        defer { close(descriptor) }
        func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) throws {
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Refusal(description: "cannot write '\(path)': \(Self.errorText())")
                }
                offset += written
            }
        }
        let capacity = 256 * 1024
        var gathered: [UInt8] = []
        gathered.reserveCapacity(capacity)
        for piece in pieces {
            var piece = piece
            try piece.withUTF8 { bytes in
                if gathered.count + bytes.count > capacity {
                    try gathered.withUnsafeBufferPointer(writeAll)
                    gathered.removeAll(keepingCapacity: true)
                }
                if bytes.count >= capacity { try writeAll(bytes) } else { gathered.append(contentsOf: bytes) }
            }
        }
        try gathered.withUnsafeBufferPointer(writeAll)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    /// Copies a file into the staging folder, creating its folder.
    func copy(from source: String, to relativePath: String) throws {
        let destination = staging + "/" + relativePath
        let folder = SiteURL.directory(of: destination)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: destination)
    }

    /// Swaps the staging folder in: the old site is moved aside, the new one renamed into place,
    /// the old one removed. If the rename fails the old site is put back.
    func commit() throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: directory) else {
            try fileManager.moveItem(atPath: staging, toPath: directory)
            return
        }
        let old = directory + ".old-" + Self.token()
        try fileManager.moveItem(atPath: directory, toPath: old)
        do {
            try fileManager.moveItem(atPath: staging, toPath: directory)
        } catch {
            try? fileManager.moveItem(atPath: old, toPath: directory)
            throw error
        }
        try? fileManager.removeItem(atPath: old)
    }

    /// Removes the staging folder, leaving the output folder as it was.
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    private static func token() -> String {
        String(UInt32.random(in: .min ... .max), radix: 16)
    }
}
