import HandbookContent

/// One secret API key from an inventory, read and validated into typed values.
///
/// Values that look like real secrets are already redacted by ``SecretRedactor`` when a key is
/// built, so nothing downstream can leak them.
public struct InventoryKey: Hashable, Sendable {
    /// What kind of key it is.
    public enum KeyType: String, Hashable, Sendable, CaseIterable {
        case secret, restricted, publishable
        case webhookSecret = "webhook_secret"
    }

    /// Live or test mode.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        case live, test
    }

    /// Whether the key can still be used.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case active, inactive
    }

    /// Where the key is used.
    public enum Environment: String, Hashable, Sendable, CaseIterable {
        case production, staging, development, ci
    }

    /// Who uses the key: `internal`, `service:NAME` or `third_party:NAME`.
    public struct Consumer: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Hashable, Sendable, CaseIterable {
            case `internal`
            case service
            case thirdParty = "third_party"
        }
        public var kind: Kind
        /// The service or third party; nil for `internal`.
        public var name: String?

        public init(kind: Kind, name: String? = nil) {
            self.kind = kind
            self.name = name
        }

        /// Parses `internal`, `service:NAME` or `third_party:NAME`; nil otherwise.
        public init?(parsing text: String) {
            if text == "internal" {
                self.init(kind: .internal)
                return
            }
            guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])),
                kind != .internal
            else { return nil }
            let name = String(text[text.index(after: colon)...])
            guard !name.isEmpty else { return nil }
            self.init(kind: kind, name: name)
        }

        public var description: String { name.map { "\(kind.rawValue):\($0)" } ?? kind.rawValue }
    }

    /// Unique across every inventory of a run.
    public var id: String
    public var name: String?
    public var type: KeyType?
    public var mode: Mode?
    /// Default active.
    public var status: Status
    /// The owner's email, lowercased.
    public var owner: String?
    public var createdAt: CalendarDate?
    /// When the key was last rotated; `created_at` when the inventory gives no rotation date.
    public var lastRotatedAt: CalendarDate?
    public var lastUsedAt: CalendarDate?
    public var expiresAt: CalendarDate?
    /// Addresses or CIDRs; empty: no allowlist.
    public var ipAllowlist: [String]
    /// Where the key lives: kms, vault, env_file, plaintext…
    public var storage: String?
    public var environment: Environment?
    public var consumer: Consumer?
    /// Permissions of a restricted key.
    public var permissions: [String]
    /// Emails (lowercased) of the people who can read the key, as listed (a person listed twice is
    /// counted once by ``readerCount``).
    public var access: [String]
    public var accessReviewedAt: CalendarDate?
    /// When the key's request logs were last reviewed.
    public var logsReviewedAt: CalendarDate?
    /// When a leak of the key was detected.
    public var exposedAt: CalendarDate?
    /// SHA-256 (lower-case hex) of the key's secret, to match leak scans without holding the secret.
    public var secretSHA256: String?
    /// Where a leak scan (`attest audit --exposures`) first saw the key, when it did.
    public var exposureSeenIn: String?
    /// Columns the inventory format does not define, kept and shown.
    public var extra: [String: String]
    /// The file and line the key was read from.
    public var source: SourceLocation

    public init(
        id: String, name: String? = nil, type: KeyType? = nil, mode: Mode? = nil, status: Status = .active,
        owner: String? = nil, createdAt: CalendarDate? = nil, lastRotatedAt: CalendarDate? = nil,
        lastUsedAt: CalendarDate? = nil, expiresAt: CalendarDate? = nil, ipAllowlist: [String] = [],
        storage: String? = nil, environment: Environment? = nil, consumer: Consumer? = nil,
        permissions: [String] = [], access: [String] = [], accessReviewedAt: CalendarDate? = nil,
        logsReviewedAt: CalendarDate? = nil, exposedAt: CalendarDate? = nil, extra: [String: String] = [:],
        source: SourceLocation = SourceLocation(path: "inventory")
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.mode = mode
        self.status = status
        self.owner = owner?.lowercased()
        self.createdAt = createdAt
        self.lastRotatedAt = lastRotatedAt ?? createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.ipAllowlist = ipAllowlist
        self.storage = storage
        self.environment = environment
        self.consumer = consumer
        self.permissions = permissions
        self.access = access.map { $0.lowercased() }
        self.accessReviewedAt = accessReviewedAt
        self.logsReviewedAt = logsReviewedAt
        self.exposedAt = exposedAt
        self.extra = extra
        self.source = source
    }

    /// The owner and everyone with access, lowercased, without repeats, owner first.
    public var people: [String] {
        var result: [String] = []
        if let owner { result.append(owner) }
        for person in access where !result.contains(person) { result.append(person) }
        return result
    }
}
