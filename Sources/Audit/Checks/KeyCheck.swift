import HandbookContent

/// A check on one key at a time, built once from a control's resolved params.
public protocol KeyCheck: Sendable {
    /// The keys it applies to.
    var scope: KeyScope { get }
    /// The finding for an in-scope `key`, or nil when it passes.
    func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding?
    /// The finding for `key`, or nil when it passes or is out of scope (the default below). A
    /// requirement, so that a call through `any KeyCheck` reaches each check's own specialised copy.
    func check(_ key: InventoryKey, in context: AuditContext) -> Finding?
}

extension KeyCheck {
    /// The finding for `key`, or nil when it passes or is out of scope (inactive, other type or mode).
    public func check(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        scope.includes(key) ? evaluate(key, in: context) : nil
    }

    /// A finding about `key`.
    func finding(_ key: InventoryKey, _ status: Finding.Status, _ detail: FindingDetail) -> Finding {
        Finding(subject: key.id, status: status, detail: detail, source: key.source, extraColumns: key.extra)
    }
}

extension Dictionary where Key == String, Value == ParameterValue {
    /// The whole number `name` (after defaults are resolved); 0 when absent.
    func integer(_ name: String) -> Int { self[name]?.integerValue ?? 0 }
    /// The list `name`; empty when absent.
    func list(_ name: String) -> [String] { self[name]?.listValue ?? [] }
}
