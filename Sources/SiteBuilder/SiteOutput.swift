import Foundation
import HandbookContent

/// Writes a site atomically: everything goes into a staging folder beside the output folder,
/// which replaces the output folder only once the whole build succeeded. Files are not synced
/// one by one (a build can be redone; speed matters more).
///
/// Folders and files are made relative to the staging folder's descriptor (`mkdirat`, `openat`):
/// one system call per folder and three per file (open, write, close), no `stat` of anything, and
/// the kernel resolves two or three path components rather than the whole path each time.
final class SiteOutput: Sendable {
    /// The final output folder.
    let directory: String
    /// Where this build writes, beside `directory`.
    let staging: String
    /// The staging folder, open; closed by ``commit()``, ``discard()`` or when the output goes away.
    private let stagingDescriptor: Int32

    private init(directory: String, staging: String, stagingDescriptor: Int32) {
        self.directory = directory
        self.staging = staging
        self.stagingDescriptor = stagingDescriptor
    }

    deinit { close(stagingDescriptor) }

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
        try FileManager.default.createDirectory(
            atPath: SiteURL.directory(of: staging).isEmpty ? "." : SiteURL.directory(of: staging),
            withIntermediateDirectories: true)
        guard mkdir(staging, 0o755) == 0 else {
            throw Refusal(description: "cannot create '\(staging)': \(errorText())")
        }
        let descriptor = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errorText()
            rmdir(staging)
            throw Refusal(description: "cannot open '\(staging)': \(reason)")
        }
        return SiteOutput(directory: target, staging: staging, stagingDescriptor: descriptor)
    }

    /// Creates these folders (relative to the site root) and the folders above them in the staging
    /// folder: parents first, one `mkdirat` each.
    func createDirectories(_ relativePaths: Set<String>) throws {
        var all: Set<String> = []
        for path in relativePaths {
            var folder = path
            while !folder.isEmpty, all.insert(folder).inserted { folder = SiteURL.directory(of: folder) }
        }
        // Sorted, a folder comes before everything inside it ("a" < "a/b").
        for path in all.sorted() where mkdirat(stagingDescriptor, path, 0o755) != 0 && errno != EEXIST {
            throw Refusal(description: "cannot create '\(staging)/\(path)': \(Self.errorText())")
        }
    }

    /// Creates the folder `relativePath` (no-op for "" or a folder that exists); its parent must exist.
    func createDirectory(_ relativePath: String) throws {
        guard !relativePath.isEmpty, mkdirat(stagingDescriptor, relativePath, 0o755) != 0, errno != EEXIST else {
            return
        }
        throw Refusal(description: "cannot create '\(staging)/\(relativePath)': \(Self.errorText())")
    }

    /// Writes `bytes` to `relativePath`; its folder must exist.
    func write(bytes: [UInt8], to relativePath: String) throws {
        let descriptor = openat(stagingDescriptor, relativePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Refusal(description: "cannot create '\(staging)/\(relativePath)': \(Self.errorText())")
        }
        defer { close(descriptor) }
        try bytes.withUnsafeBufferPointer { try Self.writeAll($0, to: descriptor, path: staging + "/" + relativePath) }
    }

    /// Writes `text` as UTF-8 to `relativePath`; its folder must exist.
    ///
    /// Plain POSIX writes: Foundation's `Data.write(to:)` fsyncs every file, which cost a tenth of
    /// a 10,000-page build. The staging folder is swapped in whole, so a crash loses only the build.
    func write(_ text: String, to relativePath: String) throws {
        try write(pieces: [text], to: relativePath)
    }

    /// Writes `pieces` one after the other to `relativePath`; its folder must exist.
    func write(pieces: [String], to relativePath: String) throws {
        let descriptor = openat(stagingDescriptor, relativePath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Refusal(description: "cannot create '\(staging)/\(relativePath)': \(Self.errorText())")
        }
        defer { close(descriptor) }
        try Self.write(pieces: pieces, to: descriptor, path: staging + "/" + relativePath)
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

    private static func writeFile(pieces: [String], atPath path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Refusal(description: "cannot create '\(path)': \(Self.errorText())") }
        defer { close(descriptor) }
        try write(pieces: pieces, to: descriptor, path: path)
    }

    /// Writes `pieces` in order to an open file: one `write` for a page (a piece or gathered small
    /// pieces), large pieces written as they are.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32, path: String) throws {
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

    private static func write(pieces: [String], to descriptor: Int32, path: String) throws {
        func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) throws {
            try Self.writeAll(buffer, to: descriptor, path: path)
        }
        if pieces.count == 1 {
            var text = pieces[0]
            try text.withUTF8(writeAll)
            return
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
