/// The outcome of walking a record chain.
public struct ChainVerification: Hashable, Sendable {
    /// Records walked (up to the problem, when there is one).
    public var recordCount: Int
    /// The last record's hash: the value to anchor with `--expect-head`. Nil for an empty chain.
    public var head: String?
    /// The first problem found; nil when the chain is intact.
    public var problem: ChainProblem?

    public init(recordCount: Int, head: String?, problem: ChainProblem?) {
        self.recordCount = recordCount
        self.head = head
        self.problem = problem
    }

    /// Whether no problem was found.
    public var isIntact: Bool { problem == nil }
}
