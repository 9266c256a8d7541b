import HandbookContent

/// How `attest build` and `attest check` publish a handbook.
public struct SiteBuildOptions: Sendable {
    /// Publish draft policies, pages and quizzes too.
    public var includeDrafts: Bool
    /// Whether a broken internal link or anchor is an error (`fail`) or a warning (`warn`).
    public var linkPolicy: HandbookConfig.LinkPolicy
    /// The day against which policy reviews are marked overdue.
    public var asOf: CalendarDate

    public init(includeDrafts: Bool = false, linkPolicy: HandbookConfig.LinkPolicy = .fail, asOf: CalendarDate) {
        self.includeDrafts = includeDrafts
        self.linkPolicy = linkPolicy
        self.asOf = asOf
    }
}
