import HandbookContent

/// `approved-storage {allowed}`: a key stored anywhere not listed, or with no storage recorded, fails.
public struct ApprovedStorageCheck: KeyCheck {
    public let scope: KeyScope
    public let allowed: [String]
    private let allowedSet: Set<String>

    public init(allowed: [String], scope: KeyScope = KeyScope()) {
        self.allowed = allowed
        allowedSet = Set(allowed.map { $0.lowercased() })
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(allowed: params.list("allowed"), scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        if let storage = key.storage, allowedSet.contains(storage) || allowedSet.contains(storage.lowercased()) {
            return nil
        }
        return finding(key, .fail, .storageNotApproved(storage: key.storage, allowed: allowed))
    }
}
