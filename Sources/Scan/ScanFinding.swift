import Secrets

/// One secret that `attest scan` found. It never holds the secret: only its redacted form (prefix,
/// "…", last four) and its SHA-256, which is what the audit matches inventory keys by.
public struct ScanFinding: Sendable, Hashable {
    /// The rule's id (`stripe-secret-live`) and title.
    public var ruleID: String
    public var ruleTitle: String
    public var severity: SecretSeverity
    /// False for values that are public by design or identifiers (publishable keys, AWS access key
    /// ids): those are shown as written in ``redacted``.
    public var isSecret: Bool
    /// `sk_live_…4f2a` for a secret; the value as written for an identifier or a public key.
    public var redacted: String
    /// SHA-256 of the secret's bytes (prefix included), lower-case hex.
    public var sha256: String
    /// The folder, file or repository as given on the command line.
    public var target: String
    /// Relative to the target; inside an archive `app.apk!assets/index.js` (nested: `a.zip!b.jar!c.txt`).
    public var path: String
    /// 1-based line and byte column of the secret's first byte.
    public var line: Int
    public var column: Int
    /// The commit that introduced the secret at this path (history scans only).
    public var commit: String?
    /// When it was first seen, in seconds since 1970: the commit's author time in a history scan,
    /// the file's modification time otherwise.
    public var seenAt: Int64?
    /// Whether the secret is still somewhere in HEAD's tree (history scans only).
    public var stillAtHead: Bool?

    public init(
        ruleID: String, ruleTitle: String, severity: SecretSeverity, isSecret: Bool, redacted: String, sha256: String,
        target: String, path: String, line: Int, column: Int, commit: String? = nil, seenAt: Int64? = nil,
        stillAtHead: Bool? = nil
    ) {
        self.ruleID = ruleID
        self.ruleTitle = ruleTitle
        self.severity = severity
        self.isSecret = isSecret
        self.redacted = redacted
        self.sha256 = sha256
        self.target = target
        self.path = path
        self.line = line
        self.column = column
        self.commit = commit
        self.seenAt = seenAt
        self.stillAtHead = stillAtHead
    }

    /// As gitleaks writes them, so that a `.gitleaksignore` keeps working: `commit:path:rule:line`
    /// for history, `path:rule:line` for files.
    public var fingerprint: String {
        if let commit { return "\(commit):\(path):\(ruleID):\(line)" }
        return "\(path):\(ruleID):\(line)"
    }

    /// Where it was seen, for people: `src/app.js:12:5` or `src/app.js:12:5 in commit 1a2b3c4d`.
    public var place: String {
        let location = "\(target == "." || target.isEmpty ? "" : target + "/")\(path):\(line):\(column)"
        return commit.map { "\(location) in commit \($0.prefix(12))" } ?? location
    }

    /// Report order: target, path, line, column, rule, commit.
    static func reportOrder(_ a: ScanFinding, _ b: ScanFinding) -> Bool {
        if a.target != b.target { return a.target < b.target }
        if a.path != b.path { return a.path < b.path }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        return (a.commit ?? "") < (b.commit ?? "")
    }
}
