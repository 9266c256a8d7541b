import HandbookContent

/// What a build or check found and did.
public struct SiteBuildResult: Sendable {
    /// Every problem found, errors and warnings, in no particular order.
    public var diagnostics: [Diagnostic]
    /// HTML pages rendered (written, for a build that succeeded).
    public var pageCount: Int
    /// Whether the site was written (a build without errors); always false for a check.
    public var wroteSite: Bool

    /// How long each step of the build took, in order (`attest build --timings`).
    public var phases: [BuildPhase]

    public init(diagnostics: [Diagnostic], pageCount: Int, wroteSite: Bool, phases: [BuildPhase] = []) {
        self.diagnostics = diagnostics
        self.pageCount = pageCount
        self.wroteSite = wroteSite
        self.phases = phases
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.hasErrors }
}
