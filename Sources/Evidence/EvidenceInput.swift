/// An input the package was built from (handbook policy, roster, records, inventory), named by its
/// path and identified by its SHA-256 (for the records: the chain's head hash).
public struct EvidenceInput: Hashable, Sendable {
    public var kind: String
    public var path: String
    public var sha256: String

    public init(kind: String, path: String, sha256: String) {
        self.kind = kind
        self.path = path
        self.sha256 = sha256
    }
}
