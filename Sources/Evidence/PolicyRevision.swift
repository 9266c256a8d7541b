/// One commit that changed a policy's version, from git: when, by whom, which commit, and the
/// `Approved-by:` trailer when the commit message has one.
public struct PolicyRevision: Hashable, Sendable {
    public var version: String
    public var date: String
    public var author: String
    public var commit: String
    public var approvedBy: String?

    public init(version: String, date: String, author: String, commit: String, approvedBy: String?) {
        self.version = version
        self.date = date
        self.author = author
        self.commit = commit
        self.approvedBy = approvedBy
    }
}
