import HandbookContent

/// `logs-reviewed {max_days}`: a key whose request logs were never reviewed (`logs_reviewed_at`
/// empty or absent), or last reviewed more than `max_days` before the as-of date, fails; exactly
/// `max_days` passes.
public struct LogsReviewedCheck: KeyCheck {
    public let scope: KeyScope
    public let maxDays: Int

    public init(maxDays: Int, scope: KeyScope = KeyScope()) {
        self.maxDays = maxDays
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(maxDays: params.integer("max_days"), scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        guard let reviewed = key.logsReviewedAt else {
            return finding(key, .fail, .logsNeverReviewed(maxDays: maxDays))
        }
        let days = reviewed.days(until: context.asOf)
        guard days > maxDays else { return nil }
        return finding(key, .fail, .logsReviewOverdue(reviewed: reviewed, days: days, maxDays: maxDays))
    }
}
