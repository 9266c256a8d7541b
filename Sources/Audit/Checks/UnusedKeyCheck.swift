import HandbookContent

/// `unused-key {max_idle_days}`: fails when the days since last_used_at (never used: since
/// created_at) exceed `max_idle_days`; exactly `max_idle_days` passes.
public struct UnusedKeyCheck: KeyCheck {
    public let scope: KeyScope
    public let maxIdleDays: Int

    public init(maxIdleDays: Int, scope: KeyScope = KeyScope()) {
        self.maxIdleDays = maxIdleDays
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(maxIdleDays: params.integer("max_idle_days"), scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        let neverUsed = key.lastUsedAt == nil
        guard let since = key.lastUsedAt ?? key.createdAt else { return finding(key, .fail, .noUsageDate) }
        let idle = since.days(until: context.asOf)
        guard idle > maxIdleDays else { return nil }
        return finding(
            key, .fail, .unused(since: since, neverUsed: neverUsed, idleDays: idle, maxIdleDays: maxIdleDays))
    }
}
