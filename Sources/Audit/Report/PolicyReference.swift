import HandbookContent

/// The policy that declares a control, as the reports name and link it.
public struct PolicyReference: Hashable, Sendable {
    public var id: String
    public var title: String
    /// Relative to the root, e.g. `content/policies/keys/rotation.md`.
    public var sourcePath: String
    public var sourceSHA256: String

    public init(id: String, title: String, sourcePath: String, sourceSHA256: String = "") {
        self.id = id
        self.title = title
        self.sourcePath = sourcePath
        self.sourceSHA256 = sourceSHA256
    }

    public init(_ policy: Policy) {
        self.init(id: policy.id, title: policy.title, sourcePath: policy.sourcePath, sourceSHA256: policy.sourceSHA256)
    }

    /// The policy's handbook page relative to the site root, directory style:
    /// `content/policies/keys/rotation.md` → `policies/keys/rotation/`, `content/policies/keys/index.md` → `policies/keys/`.
    public var sitePath: String {
        var path = sourcePath
        if path.hasPrefix("content/") { path.removeFirst("content/".count) }
        if path.hasSuffix(".md") { path.removeLast(3) }
        if path == "index" { return "" }
        if path.hasSuffix("/index") { path.removeLast("index".count) } else { path += "/" }
        return path
    }

    /// The handbook page as linked from the audit report at `site/audit/index.html`.
    public var linkFromAuditPage: String { "../" + sitePath }
}
