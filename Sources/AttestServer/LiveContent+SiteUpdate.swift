import Foundation
import HandbookContent
import SiteBuilder

extension LiveContent {
    /// Serves the site as `update` leaves it (`attest serve --watch`): a complete update replaces the
    /// site, an incremental one replaces only its files; open pages in live-reload mode then reload.
    /// When the update loaded the handbook anew and `roster` is given, the server grades, admits and
    /// lays out its pages with them from the same moment on: a request sees the new site with the
    /// new handbook, or the old with the old. A failed update changes nothing: the last good site
    /// keeps being served.
    ///
    /// - Parameter roster: the roster read again for the update's handbook; nil keeps the handbook
    ///   and roster served now (the update loaded no handbook, or its roster has errors).
    /// - Returns: diagnostics for files to copy that could not be read, or for a layout the server's
    ///   pages cannot use (the handbook served now is then kept).
    public func apply(_ update: SiteUpdate, roster: Roster? = nil) -> [Diagnostic] {
        guard update.succeeded, update.isComplete || !update.isEmpty || update.handbook != nil else { return [] }
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
        var served: ServedHandbook?
        if let handbook = update.handbook, let roster {
            do {
                served = try ServedHandbook(handbook: handbook, roster: roster, layout: update.layout)
            } catch {
                diagnostics.append(.error(error.description, at: nil))
            }
        }
        // Made only once the pages are served: the index is tens of megabytes at 10,000 pages.
        func searchIndexFiles() -> [String: [UInt8]] {
            guard let index = update.searchIndex else { return [:] }
            let (json, script) = index.texts()
            return ["search-index.json": Array(json.utf8), "search-index.js": Array(script.utf8)]
        }
        let liveReload = liveReload
        let removed = update.removed
        if update.isComplete {
            let all = files.merging(searchIndexFiles()) { _, new in new }
            swap(site: { _ in StaticSite(files: all, liveReload: liveReload) }, handbook: served)
        } else {
            // The pages first, as open pages wait for them; the search index (tens of megabytes at
            // 10,000 pages) after, without reloading them again.
            if !files.isEmpty || !removed.isEmpty {
                swap(site: { $0.updating(files: files, removing: removed) }, handbook: served)
            } else {
                swap(site: nil, handbook: served)
            }
            let index = searchIndexFiles()
            if !index.isEmpty { swap(site: { $0.updating(files: index) }, reloading: false) }
        }
        return diagnostics
    }
}
