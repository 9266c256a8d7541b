import HandbookContent

/// The keys a key check applies to: active keys, narrowed by the optional `types` and `modes` params.
public struct KeyScope: Hashable, Sendable {
    /// nil: every type.
    public var types: Set<InventoryKey.KeyType>?
    /// nil: every mode.
    public var modes: Set<InventoryKey.Mode>?

    public init(types: Set<InventoryKey.KeyType>? = nil, modes: Set<InventoryKey.Mode>? = nil) {
        self.types = types
        self.modes = modes
    }

    /// From a control's `types` and `modes` params.
    public init(params: [String: ParameterValue]) {
        types = params["types"]?.listValue.map { Set($0.compactMap(InventoryKey.KeyType.init(rawValue:))) }
        modes = params["modes"]?.listValue.map { Set($0.compactMap(InventoryKey.Mode.init(rawValue:))) }
    }

    /// Whether `key` is in scope: active, and of a listed type and mode when lists are given.
    /// A key with no type (or mode) is outside a scope that lists types (or modes).
    public func includes(_ key: InventoryKey) -> Bool {
        guard key.status == .active else { return false }
        if let types {
            guard let type = key.type, types.contains(type) else { return false }
        }
        if let modes {
            guard let mode = key.mode, modes.contains(mode) else { return false }
        }
        return true
    }
}
