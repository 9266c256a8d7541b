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

    /// Position in `allCases`, used to index column tables.
    var ordinal: Int { Self.ordinals[self]! }

    private static let ordinals: [InventoryField: Int] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
