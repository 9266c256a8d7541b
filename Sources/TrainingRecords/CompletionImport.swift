import HandbookContent

/// The validated content of a completions CSV: what ``CompletionImportReader`` read.
public struct CompletionImport: Sendable {
    /// The attempts of the good rows, in file order.
    public var attempts: [NewAttempt]
    /// Everything wrong, with file:line:column.
    public var diagnostics: [Diagnostic]
    /// Lines of the data rows that have errors (they are not in `attempts`).
    public var badLines: [Int]
    /// A problem with the file as a whole (unreadable CSV, bad header): nothing can be imported,
    /// even with `--skip-bad-rows`.
    public var isUnusable: Bool

    public init(attempts: [NewAttempt], diagnostics: [Diagnostic], badLines: [Int], isUnusable: Bool) {
        self.attempts = attempts
        self.diagnostics = diagnostics
        self.badLines = badLines
        self.isUnusable = isUnusable
    }
}
