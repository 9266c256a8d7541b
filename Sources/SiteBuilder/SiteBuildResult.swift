import HandbookContent

/// What a build or check found and did.
public struct SiteBuildResult: Sendable {
    /// Every problem found, errors and warnings, in no particular order.
    public var diagnostics: [Diagnostic]
    /// HTML pages rendered (written, for a build that succeeded).
    public var pageCount: Int
    /// Whether the site was written (a build without errors); always false for a check.
    public var wroteSite: Bool

    public init(diagnostics: [Diagnostic], pageCount: Int, wroteSite: Bool) {
        self.diagnostics = diagnostics
        self.pageCount = pageCount
        self.wroteSite = wroteSite
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.hasErrors }
}
