import HandbookContent

/// `ip-allowlist`: a key in scope without an IP allowlist fails.
public struct IPAllowlistCheck: KeyCheck {
    public let scope: KeyScope

    public init(scope: KeyScope = KeyScope()) { self.scope = scope }
    public init(params: [String: ParameterValue]) { self.init(scope: KeyScope(params: params)) }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        key.ipAllowlist.isEmpty ? finding(key, .fail, .noIPAllowlist) : nil
    }
}
