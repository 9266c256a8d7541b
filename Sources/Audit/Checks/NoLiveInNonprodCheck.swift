import HandbookContent

/// `no-live-in-nonprod {environments}`: a live key in an environment not listed (default
/// production) fails; a live key with no environment recorded warns.
public struct NoLiveInNonprodCheck: KeyCheck {
    public let scope: KeyScope
    public let environments: [InventoryKey.Environment]

    public init(environments: [InventoryKey.Environment] = [.production], scope: KeyScope = KeyScope()) {
        self.environments = environments
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(
            environments: params.list("environments").compactMap(InventoryKey.Environment.init(rawValue:)),
            scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        guard key.mode == .live else { return nil }
        let allowed = environments.map(\.rawValue)
        guard let environment = key.environment else {
            return finding(key, .warn, .liveInNonprod(environment: nil, allowed: allowed))
        }
        return environments.contains(environment)
            ? nil : finding(key, .fail, .liveInNonprod(environment: environment.rawValue, allowed: allowed))
    }
}
