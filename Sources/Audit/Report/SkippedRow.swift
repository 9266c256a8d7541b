/// An inventory row left out under `--skip-bad-rows`, with why.
public struct SkippedRow: Hashable, Sendable {
    public var path: String
    public var line: Int
    public var reason: String

    public init(path: String, line: Int, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }
}
