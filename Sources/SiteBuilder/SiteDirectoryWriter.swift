import Foundation
import HandbookContent

/// Applies ``SiteUpdate``s to a site folder (`attest build --watch`): a complete update replaces the
/// folder as a whole (staged beside it, swapped in, like `attest build`); an incremental one replaces
/// each changed file atomically (a temporary file renamed over it), pages first, and removes the files
/// that are gone, with the folders they leave empty.
public struct SiteDirectoryWriter: Sendable {
    /// The site folder.
    public let directory: String
    /// Folders the site folder must not hold or be (the root, its content and templates).
    public let protectedSources: [String]

    public init(directory: String, root: String) {
        self.directory = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        protectedSources = [root + "/content", root + "/templates", root]
    }

    /// Writes `update`; diagnostics for what could not be written (nothing is written for a failed update).
    public func apply(_ update: SiteUpdate) -> [Diagnostic] {
        guard update.succeeded else { return [] }
        return update.isComplete ? replaceAll(update) : replaceChanged(update)
    }

    private func replaceAll(_ update: SiteUpdate) -> [Diagnostic] {
        let output: SiteOutput
        do {
            try SiteOutput.checkReplaceable(directory, protecting: protectedSources)
            output = try SiteOutput.stage(beside: directory)
        } catch {
            return [.error(Self.reason(error), at: nil)]
        }
        do {
            try output.createDirectories(Set(update.files.keys.map(SiteURL.directory(of:))))
            for (path, text) in update.files { try output.write(text, to: path) }
            if let index = update.searchIndex {
                try output.write(pieces: index.jsonPieces(), to: SearchIndexText.jsonName)
                try output.write(pieces: index.scriptPieces(), to: SearchIndexText.scriptName)
            }
            for (path, source) in update.copies.sorted(by: { $0.key < $1.key }) {
                try output.copy(from: source, to: path)
            }
            try output.commit()
        } catch {
            output.discard()
            return [.error("cannot write the site to '\(directory)': \(Self.reason(error))", at: nil)]
        }
        return []
    }

    private func replaceChanged(_ update: SiteUpdate) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Pages first: they are what a reader waits for; the search index (large) after.
        for (path, text) in update.files.sorted(by: { $0.key < $1.key }) {
            do {
                try SiteOutput.replaceFile(atPath: directory + "/" + path, with: text)
            } catch {
                diagnostics.append(.error("cannot write '\(path)': \(Self.reason(error))", at: nil))
            }
        }
        if let index = update.searchIndex {
            do {
                try SiteOutput.replaceFile(
                    atPath: directory + "/" + SearchIndexText.jsonName, pieces: index.jsonPieces())
                try SiteOutput.replaceFile(
                    atPath: directory + "/" + SearchIndexText.scriptName, pieces: index.scriptPieces())
            } catch {
                diagnostics.append(.error("cannot write the search index: \(Self.reason(error))", at: nil))
            }
        }
        for (path, source) in update.copies.sorted(by: { $0.key < $1.key }) {
            do {
                try SiteOutput.replaceFile(atPath: directory + "/" + path, copying: source)
            } catch {
                diagnostics.append(.error("cannot copy '\(path)' into the site: \(Self.reason(error))", at: nil))
            }
        }
        for path in update.removed {
            let full = directory + "/" + path
            if FileManager.default.fileExists(atPath: full) {
                do {
                    try FileManager.default.removeItem(atPath: full)
                } catch {
                    diagnostics.append(.error("cannot remove '\(path)': \(Self.reason(error))", at: nil))
                    continue
                }
            }
            removeEmptyFolders(above: path)
        }
        return diagnostics
    }

    /// Removes the folders of `path` that are left empty, up to (not including) the site folder.
    private func removeEmptyFolders(above path: String) {
        var folder = SiteURL.directory(of: path)
        while !folder.isEmpty {
            let full = directory + "/" + folder
            guard (try? FileManager.default.contentsOfDirectory(atPath: full))?.isEmpty == true else { return }
            try? FileManager.default.removeItem(atPath: full)
            folder = SiteURL.directory(of: folder)
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let refusal = error as? SiteOutput.Refusal { return refusal.description }
        return (error as NSError).localizedDescription
    }
}
