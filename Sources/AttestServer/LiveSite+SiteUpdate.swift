import Foundation
import HandbookContent
import SiteBuilder

extension LiveSite {
    /// Serves the site as `update` leaves it (`attest serve --watch`): a complete update replaces the
    /// site, an incremental one replaces only its files; open pages in live-reload mode then reload.
    /// A failed update changes nothing: the last good site keeps being served.
    ///
    /// - Returns: diagnostics for files to copy that could not be read.
    public func apply(_ update: SiteUpdate) -> [Diagnostic] {
        guard update.succeeded, update.isComplete || !update.isEmpty else { return [] }
        var diagnostics: [Diagnostic] = []
        var files: [String: [UInt8]] = [:]
        for (path, text) in update.files { files[path] = Array(text.utf8) }
        for (path, source) in update.copies {
            guard let data = FileManager.default.contents(atPath: source) else {
                diagnostics.append(.error("cannot read '\(source)' to serve it as '\(path)'", at: nil))
                continue
            }
            files[path] = Array(data)
        }
        func searchIndexFiles() -> [String: [UInt8]] {
            guard let searchIndex = update.searchIndex else { return [:] }
            let (json, script) = searchIndex.texts()
            return ["search-index.json": Array(json.utf8), "search-index.js": Array(script.utf8)]
        }
        if update.isComplete {
            replace(
                with: StaticSite(files: files.merging(searchIndexFiles()) { _, new in new }, liveReload: liveReload))
        } else {
            // The pages first, as open pages wait for them; the search index (tens of megabytes at
            // 10,000 pages) after, without reloading them again.
            if !files.isEmpty || !update.removed.isEmpty { self.update(files: files, removing: update.removed) }
            let index = searchIndexFiles()
            if !index.isEmpty { self.update(files: index, reloading: false) }
        }
        return diagnostics
    }
}
