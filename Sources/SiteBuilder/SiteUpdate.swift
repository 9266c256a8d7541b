import HandbookContent

/// What a rebuild under `--watch` changed in the site (see ``IncrementalSiteBuilder``): the files to
/// write and to remove, relative to the site folder. Only files whose content changed are listed.
public struct SiteUpdate: Sendable {
    /// Whether the update holds the whole site (the first build, or the first good build after one
    /// that failed): it then replaces the site as a whole rather than file by file.
    public var isComplete: Bool
    /// Whether the site was brought up to date; false when there were errors, and then nothing is
    /// to be written: the last good site stays.
    public var succeeded: Bool
    /// Rendered HTML pages by path relative to the site folder.
    public var files: [String: String]
    /// The search index, when it changed (`search-index.json` and `search-index.js`).
    public var searchIndex: SearchIndexText?
    /// Files copied along (theme assets, content files): path in the site → absolute source path.
    public var copies: [String: String]
    /// Files of the previous site that are no longer part of it.
    public var removed: [String]
    /// Every problem found, errors and warnings (for an incremental update: in what it read and rendered).
    public var diagnostics: [Diagnostic]
    /// HTML pages rendered (for an incremental update, only those it rendered again).
    public var renderedPageCount: Int
    /// The source paths (relative to the root) this update took into account.
    public var sources: [String]
    /// The handbook and layout the site now shows, when this update rendered everything (the first
    /// build, or the handbook or theme loaded anew) or changed what a server grades, admits and lays
    /// out its own pages by: a quiz, a policy's title or version, the navigation. Nil when it rendered
    /// pages again for other edits (a policy's text or controls, an ordinary page's text). A server
    /// under `--watch` then grades and lays out its own pages with them.
    public var handbook: Handbook?
    public var layout: SiteLayout?

    public init(
        isComplete: Bool, succeeded: Bool, files: [String: String] = [:], searchIndex: SearchIndexText? = nil,
        copies: [String: String] = [:],
        removed: [String] = [], diagnostics: [Diagnostic] = [], renderedPageCount: Int = 0, sources: [String] = []
    ) {
        self.isComplete = isComplete
        self.succeeded = succeeded
        self.files = files
        self.searchIndex = searchIndex
        self.copies = copies
        self.removed = removed
        self.diagnostics = diagnostics
        self.renderedPageCount = renderedPageCount
        self.sources = sources
    }

    /// HTML pages to write.
    public var writtenPageCount: Int { files.keys.filter { $0.hasSuffix(".html") }.count }

    /// Whether there is nothing to write or remove.
    public var isEmpty: Bool { files.isEmpty && searchIndex == nil && copies.isEmpty && removed.isEmpty }
}
