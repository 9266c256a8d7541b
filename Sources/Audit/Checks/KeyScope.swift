import HandbookContent

/// The keys a key check applies to: active keys, narrowed by the optional `types` and `modes` params.
public struct KeyScope: Hashable, Sendable {
    /// nil: every type.
    public var types: Set<InventoryKey.KeyType>? { didSet { typeList = types.map(Array.init) } }
    /// nil: every mode.
    public var modes: Set<InventoryKey.Mode>? { didSet { modeList = modes.map(Array.init) } }
    // The same, as arrays: a check asks for every key, and comparing a few enum cases beats hashing.
    private var typeList: [InventoryKey.KeyType]?
    private var modeList: [InventoryKey.Mode]?

    public init(types: Set<InventoryKey.KeyType>? = nil, modes: Set<InventoryKey.Mode>? = nil) {
        self.types = types
        self.modes = modes
        typeList = types.map(Array.init)
        modeList = modes.map(Array.init)
    }

    /// From a control's `types` and `modes` params.
    public init(params: [String: ParameterValue]) {
        self.init(
            types: params["types"]?.listValue.map { Set($0.compactMap(InventoryKey.KeyType.init(rawValue:))) },
            modes: params["modes"]?.listValue.map { Set($0.compactMap(InventoryKey.Mode.init(rawValue:))) })
    }

    /// Whether `key` is in scope: active, and of a listed type and mode when lists are given.
    /// A key with no type (or mode) is outside a scope that lists types (or modes).
    public func includes(_ key: InventoryKey) -> Bool {
        guard key.status == .active else { return false }
        if let typeList {
            guard let type = key.type, typeList.contains(type) else { return false }
        }
        if let modeList {
            guard let mode = key.mode, modeList.contains(mode) else { return false }
        }
        return true
    }
}
