import Foundation

/// Reads a handbook's `content/` into a validated ``Handbook``, collecting every diagnostic.
///
/// CONTRACT (placeholder until the content-model work lands): returns the handbook when there
/// are no errors (warnings allowed), nil otherwise; diagnostics always.
public enum HandbookLoader {
    public struct Options: Sendable {
        /// Include draft policies, pages and quizzes.
        public var includeDrafts: Bool
        /// The roster, when known, so that quiz audiences can be validated against its groups.
        public var roster: Roster?
        public init(includeDrafts: Bool = false, roster: Roster? = nil) {
            self.includeDrafts = includeDrafts
            self.roster = roster
        }
    }

    /// Loads `root/content`. Paths in diagnostics are relative to `root`.
    public static func load(root: String, options: Options = Options()) -> (handbook: Handbook?, diagnostics: [Diagnostic]) {
        (nil, [.error("the content loader is not implemented yet", at: nil)])
    }
}
