import HandbookContent

/// `owner-active`: the owner must be in the roster and active. A key without an owner fails too
/// (nobody active owns it); without a roster no owner can be confirmed, so owned keys fail and the
/// report names the missing roster.
public struct OwnerActiveCheck: KeyCheck {
    public let scope: KeyScope

    public init(scope: KeyScope = KeyScope()) { self.scope = scope }
    public init(params: [String: ParameterValue]) { self.init(scope: KeyScope(params: params)) }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        guard let owner = key.owner else { return finding(key, .fail, .noOwner) }
        let standing = context.standing(of: owner)
        return standing == .active ? nil : finding(key, .fail, .ownerNotActive(owner: owner, standing: standing))
    }
}
