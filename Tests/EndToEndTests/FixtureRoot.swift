import Foundation

/// A throwaway handbook root in the temporary folder: the repository's templates/, the fixture
/// handbook (Corpus/fixture) and optionally a case's overlay tree copied on top. Removed by ``remove()``.
struct FixtureRoot: Sendable {
    /// The root folder handed to `attest --root` (and used as the working directory).
    let url: URL
    /// The folder holding `url`, also holding files that are not under test (server logs…).
    let container: URL

    static let fixtureDirectory = AttestExecutable.corpusDirectory.appendingPathComponent("fixture")

    /// Copies templates and the fixture handbook, then each of `overlays` in turn (files replace files).
    init(overlays: [URL] = []) throws {
        let fileManager = FileManager.default
        container = fileManager.temporaryDirectory.appendingPathComponent("attest-e2e-\(UUID().uuidString)")
        url = container.appendingPathComponent("root")
        try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
        let templates = AttestExecutable.packageRoot.appendingPathComponent("templates")
        try Self.copyTree(from: templates, to: url.appendingPathComponent("templates"))
        try Self.copyTree(from: Self.fixtureDirectory, to: url)
        for overlay in overlays { try Self.copyTree(from: overlay, to: url) }
    }

    /// A path under the root.
    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `text` to `relative` under the root, creating folders.
    func write(_ text: String, to relative: String) throws {
        let target = path(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
    }

    /// The text of `relative` under the root, nil if missing.
    func read(_ relative: String) -> String? {
        (try? Data(contentsOf: path(relative))).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative).path) }

    /// Every file and folder under the root with its content, to prove that a command wrote nothing.
    func snapshot() -> TreeSnapshot { TreeSnapshot(of: url) }

    func remove() { try? FileManager.default.removeItem(at: container) }

    /// A folder the fixture is made from is not there: the test fails rather than run on less.
    struct MissingSource: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path): no such folder (the end-to-end fixture is copied from it)" }
    }

    /// Copies every file under `source` to the same relative path under `destination`, merging folders;
    /// throws ``MissingSource`` when `source` is not a folder.
    static func copyTree(from source: URL, to destination: URL) throws {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: source.path, isDirectory: &isFolder), isFolder.boolValue,
            let enumerator = fileManager.enumerator(atPath: source.path)
        else { throw MissingSource(path: source.path) }
        try fileManager.createDirectory(at: destination, withIntermediateDirectories: true)
        while let relative = enumerator.nextObject() as? String {
            let from = source.appendingPathComponent(relative), to = destination.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: from.path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                try fileManager.createDirectory(at: to, withIntermediateDirectories: true)
            } else {
                if fileManager.fileExists(atPath: to.path) { try fileManager.removeItem(at: to) }
                try fileManager.copyItem(at: from, to: to)
            }
        }
    }
}
