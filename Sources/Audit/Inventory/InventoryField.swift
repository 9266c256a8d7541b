/// The columns of a native inventory (CSV header names, JSON and YAML keys).
public enum InventoryField: String, CaseIterable, Sendable {
    case id, name, type, mode, status, owner
    case createdAt = "created_at"
    case lastRotatedAt = "last_rotated_at"
    case lastUsedAt = "last_used_at"
    case expiresAt = "expires_at"
    case ipAllowlist = "ip_allowlist"
    case storage, environment, consumer, permissions, access
    case accessReviewedAt = "access_reviewed_at"
    case exposedAt = "exposed_at"
    case logsReviewedAt = "logs_reviewed_at"
    /// SHA-256 (hex) of the key's secret (`attest scan fingerprint`), matched against leak scans.
    case secretSHA256 = "secret_sha256"

    /// Position in `allCases`, used to index column tables (a switch: this is on the per-row path).
    var ordinal: Int {
        switch self {
        case .id: 0
        case .name: 1
        case .type: 2
        case .mode: 3
        case .status: 4
        case .owner: 5
        case .createdAt: 6
        case .lastRotatedAt: 7
        case .lastUsedAt: 8
        case .expiresAt: 9
        case .ipAllowlist: 10
        case .storage: 11
        case .environment: 12
        case .consumer: 13
        case .permissions: 14
        case .access: 15
        case .accessReviewedAt: 16
        case .exposedAt: 17
        case .logsReviewedAt: 18
        case .secretSHA256: 19
        }
    }
}
