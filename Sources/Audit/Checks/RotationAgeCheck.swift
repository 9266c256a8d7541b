import HandbookContent

/// `rotation-age {max_age_days, warn_days}`: fails when the days from last_rotated_at (else
/// created_at) to the as-of date exceed `max_age_days` (exactly `max_age_days` passes); warns when
/// `warn_days` > 0 and the limit is at most `warn_days` away.
public struct RotationAgeCheck: KeyCheck {
    public let scope: KeyScope
    public let maxAgeDays: Int
    public let warnDays: Int

    public init(maxAgeDays: Int, warnDays: Int = 0, scope: KeyScope = KeyScope()) {
        self.maxAgeDays = maxAgeDays
        self.warnDays = warnDays
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(
            maxAgeDays: params.integer("max_age_days"), warnDays: params.integer("warn_days"),
            scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        guard let last = key.lastRotatedAt else { return finding(key, .fail, .noRotationDate) }
        let age = last.days(until: context.asOf)
        if age > maxAgeDays {
            return finding(key, .fail, .rotationOverdue(lastRotated: last, ageDays: age, maxAgeDays: maxAgeDays))
        }
        if warnDays > 0, maxAgeDays - age <= warnDays {
            return finding(
                key, .warn,
                .rotationDueSoon(lastRotated: last, ageDays: age, maxAgeDays: maxAgeDays, warnDays: warnDays))
        }
        return nil
    }
}
