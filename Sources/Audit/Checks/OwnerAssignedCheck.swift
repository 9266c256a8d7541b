import HandbookContent

/// `owner-assigned`: a key without an owner fails.
public struct OwnerAssignedCheck: KeyCheck {
    public let scope: KeyScope

    public init(scope: KeyScope = KeyScope()) { self.scope = scope }
    public init(params: [String: ParameterValue]) { self.init(scope: KeyScope(params: params)) }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        key.owner == nil ? finding(key, .fail, .noOwner) : nil
    }
}
