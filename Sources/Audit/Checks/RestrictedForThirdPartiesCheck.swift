import HandbookContent

/// `restricted-for-third-parties {consumers}`: keys used by the listed consumer kinds (default
/// third_party and service) must be restricted keys; a secret key fails.
public struct RestrictedForThirdPartiesCheck: KeyCheck {
    public let scope: KeyScope
    public let consumers: Set<InventoryKey.Consumer.Kind>

    public init(consumers: Set<InventoryKey.Consumer.Kind> = [.thirdParty, .service], scope: KeyScope = KeyScope()) {
        self.consumers = consumers
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(
            consumers: Set(params.list("consumers").compactMap(InventoryKey.Consumer.Kind.init(rawValue:))),
            scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        guard let consumer = key.consumer, consumers.contains(consumer.kind), key.type == .secret else { return nil }
        return finding(key, .fail, .secretKeyForConsumer(consumer: consumer.description, type: "secret"))
    }
}
