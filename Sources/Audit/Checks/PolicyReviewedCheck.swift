import HandbookContent

/// `policy-reviewed`: a policy in force whose last review is more than its `review_every_days` before
/// the as-of date fails (exactly `review_every_days` passes). Declared once, it covers every policy
/// in force, not only the one that declares it.
public struct PolicyReviewedCheck: Hashable, Sendable {
    public init() {}

    /// The finding for `policy`, or nil when its review is not overdue.
    public func evaluate(_ policy: Policy, in context: AuditContext) -> Finding? {
        guard policy.isReviewOverdue(on: context.asOf) else { return nil }
        return Finding(
            subject: policy.id, status: .fail,
            detail: .policyReviewOverdue(
                lastReviewed: policy.lastReviewed, days: policy.lastReviewed.days(until: context.asOf),
                everyDays: policy.reviewEveryDays, due: policy.nextReview),
            source: SourceLocation(path: policy.sourcePath))
    }
}
