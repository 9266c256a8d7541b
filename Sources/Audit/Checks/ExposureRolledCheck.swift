import HandbookContent

/// `exposure-rolled {max_days}` (default 0): a key with exposed_at passes when last_rotated_at is on
/// or after the exposure; otherwise it warns up to `max_days` days after the exposure and fails later.
/// With `attest audit --exposures`, a key that a leak scan saw is exposed from the earliest sighting
/// (unless the inventory's `exposed_at` is earlier), and the finding says where it was seen.
public struct ExposureRolledCheck: KeyCheck {
    public let scope: KeyScope
    public let maxDays: Int

    public init(maxDays: Int = 0, scope: KeyScope = KeyScope()) {
        self.maxDays = maxDays
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(maxDays: params.integer("max_days"), scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        guard let exposed = key.exposedAt else { return nil }
        if let rotated = key.lastRotatedAt, rotated >= exposed { return nil }
        let days = exposed.days(until: context.asOf)
        let detail = FindingDetail.exposureNotRolled(
            exposed: exposed, lastRotated: key.lastRotatedAt, days: days, maxDays: maxDays, seenIn: key.exposureSeenIn)
        return finding(key, days <= maxDays ? .warn : .fail, detail)
    }
}
