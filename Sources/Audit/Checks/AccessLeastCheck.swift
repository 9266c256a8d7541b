import HandbookContent

/// `access-least {max_people}`: more than `max_people` people with access, or anyone with access
/// who is not active in the roster, fails. Without a roster nobody can be confirmed active. A person
/// listed twice is one person (see ``InventoryKey/isRepeatedReader(at:)``).
public struct AccessLeastCheck: KeyCheck {
    public let scope: KeyScope
    public let maxPeople: Int

    public init(maxPeople: Int, scope: KeyScope = KeyScope()) {
        self.maxPeople = maxPeople
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(maxPeople: params.integer("max_people"), scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        // Nothing allocated for a key that passes (most keys).
        let people = key.readerCount
        guard people > maxPeople || key.access.contains(where: { context.standing(of: $0) != .active })
        else { return nil }
        let notActive = key.access.indices.filter {
            !key.isRepeatedReader(at: $0) && context.standing(of: key.access[$0]) != .active
        }
        .map { key.access[$0] }
        return finding(
            key, .fail,
            .accessTooBroad(
                people: people, maxPeople: maxPeople, notActive: notActive, rosterMissing: !context.hasRoster))
    }
}
