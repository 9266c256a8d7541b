import Secrets

/// What one `attest scan` found, ready for the report writers.
public struct ScanReport: Sendable {
    /// The JSON report's `format_version`: raised when a field changes meaning or goes away.
    public static let formatVersion = 1

    /// One folder, file or repository scanned.
    public struct Target: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case folder, file, history
        }
        public var path: String
        public var kind: Kind
        /// `--since` for a history scan.
        public var since: String?
        /// Files (folder), or blobs (history) read; commits listed (history).
        public var files: Int
        public var commits: Int
        public var bytes: Int

        public init(path: String, kind: Kind, since: String? = nil, files: Int = 0, commits: Int = 0, bytes: Int = 0) {
            self.path = path
            self.kind = kind
            self.since = since
            self.files = files
            self.commits = commits
            self.bytes = bytes
        }
    }

    /// A rule of the catalogue, as reports name it.
    public struct Rule: Sendable, Hashable {
        public var id: String
        public var title: String
        public var severity: SecretSeverity
        public var isSecret: Bool
    }

    public var toolVersion: String
    /// ISO 8601, UTC.
    public var generatedAt: String
    public var targets: [Target]
    /// Every rule of the catalogue used.
    public var rules: [Rule]
    /// What is new: ignored and baseline findings left out. In report order.
    public var findings: [ScanFinding]
    /// Left out because a `.gitleaksignore` lists them.
    public var ignored: Int
    /// Left out because the `--baseline` report holds them.
    public var inBaseline: Int
    /// Warnings met on the way (corrupt archives inside a tree…), already redacted.
    public var warnings: [String]

    public init(
        toolVersion: String, generatedAt: String, targets: [Target], rules: [Rule], findings: [ScanFinding],
        ignored: Int = 0, inBaseline: Int = 0, warnings: [String] = []
    ) {
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
        self.targets = targets
        self.rules = rules
        self.findings = findings
        self.ignored = ignored
        self.inBaseline = inBaseline
        self.warnings = warnings
    }

    /// Findings per severity, highest first (every severity listed).
    public var countsBySeverity: [(severity: SecretSeverity, count: Int)] {
        SecretSeverity.allCases.reversed().map { severity in
            (severity, findings.filter { $0.severity == severity }.count)
        }
    }

    /// Whether a finding is at or above `threshold` (nil: never).
    public func fails(at threshold: SecretSeverity?) -> Bool {
        guard let threshold else { return false }
        return findings.contains { $0.severity >= threshold }
    }
}
