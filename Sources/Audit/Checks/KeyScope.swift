import HandbookContent

/// The keys a key check applies to: active keys, narrowed by the optional `types` and `modes` params.
///
/// Held as bits, one per case: every check reads its scope for every key, and a scope of sets would
/// be copied (and its references counted) on each of those reads.
public struct KeyScope: Hashable, Sendable {
    /// Bit i for `KeyType.allCases[i]`; nil: every type.
    private var typeBits: UInt8?
    /// Bit i for `Mode.allCases[i]`; nil: every mode.
    private var modeBits: UInt8?

    /// nil: every type.
    public var types: Set<InventoryKey.KeyType>? {
        get { typeBits.map { Self.members($0) } }
        set { typeBits = newValue.map(Self.bits) }
    }

    /// nil: every mode.
    public var modes: Set<InventoryKey.Mode>? {
        get { modeBits.map { Self.members($0) } }
        set { modeBits = newValue.map(Self.bits) }
    }

    public init(types: Set<InventoryKey.KeyType>? = nil, modes: Set<InventoryKey.Mode>? = nil) {
        typeBits = types.map(Self.bits)
        modeBits = modes.map(Self.bits)
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
        if let typeBits {
            guard let type = key.type, typeBits & Self.bit(type) != 0 else { return false }
        }
        if let modeBits {
            guard let mode = key.mode, modeBits & Self.bit(mode) != 0 else { return false }
        }
        return true
    }

    private static func bit(_ type: InventoryKey.KeyType) -> UInt8 {
        switch type {
        case .secret: 1
        case .restricted: 2
        case .publishable: 4
        case .webhookSecret: 8
        }
    }

    private static func bit(_ mode: InventoryKey.Mode) -> UInt8 {
        switch mode {
        case .live: 1
        case .test: 2
        }
    }

    private static func bits(_ types: Set<InventoryKey.KeyType>) -> UInt8 { types.reduce(0) { $0 | bit($1) } }
    private static func bits(_ modes: Set<InventoryKey.Mode>) -> UInt8 { modes.reduce(0) { $0 | bit($1) } }

    private static func members(_ bits: UInt8) -> Set<InventoryKey.KeyType> {
        Set(InventoryKey.KeyType.allCases.filter { bits & bit($0) != 0 })
    }

    private static func members(_ bits: UInt8) -> Set<InventoryKey.Mode> {
        Set(InventoryKey.Mode.allCases.filter { bits & bit($0) != 0 })
    }
}
