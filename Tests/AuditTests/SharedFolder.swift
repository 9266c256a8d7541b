import Foundation

/// The project's `shared/` folder, which sits beside the repository's clone (`<clone>/../shared`; CI
/// lays a copy of it beside its fresh clone). For a linked git worktree the clone is the main working
/// tree that the worktree belongs to. Holds the published schemas the report tests validate against.
enum SharedFolder {
    /// A file the tests need is not there: the test fails and says where it looked.
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository's root: this file is Tests/AuditTests/SharedFolder.swift.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The root of the clone: the repository root, or for a linked worktree (whose `.git` is a file
    /// `gitdir: <main>/.git/worktrees/<name>`) the main working tree.
    static var cloneRoot: URL {
        let dotGit = repositoryRoot.appendingPathComponent(".git")
        guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else {
            return repositoryRoot
        }
        let gitDirectory = URL(
            fileURLWithPath: text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines),
            relativeTo: repositoryRoot)
        guard
            let common = try? String(
                contentsOf: gitDirectory.appendingPathComponent("commondir"), encoding: .utf8)
        else { return repositoryRoot }
        let commonDirectory = URL(
            fileURLWithPath: common.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: gitDirectory)
        return commonDirectory.standardizedFileURL.deletingLastPathComponent()
    }

    /// `<clone>/../shared`.
    static var url: URL { cloneRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The file at `relative` under `shared/`; throws ``Missing`` when it is not a readable file.
    static func file(_ relative: String) throws -> URL {
        let file = url.appendingPathComponent(relative).standardizedFileURL
        guard FileManager.default.isReadableFile(atPath: file.path) else {
            throw Missing(
                description:
                    "\(file.path) not found: the tests read shared/\(relative) from the shared folder beside the clone (\(url.standardizedFileURL.path))"
            )
        }
        return file
    }
}
