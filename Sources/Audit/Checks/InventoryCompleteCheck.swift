import HandbookContent

/// `inventory-complete {rules}` (default the live secret and restricted key rules): every secret of
/// those shapes that a leak scan found is a key of the inventory (matched by `secret_sha256`);
/// each that matches none fails: a live key nobody tracks. Needs `attest audit --exposures`.
public struct InventoryCompleteCheck: Sendable {
    public static let defaultRules = ["stripe-secret-live", "stripe-restricted-live"]
    public let rules: [String]

    public init(rules: [String] = defaultRules) { self.rules = rules }

    public init(params: [String: ParameterValue]) {
        let rules = params.list("rules")
        self.init(rules: rules.isEmpty ? Self.defaultRules : rules)
    }

    /// One failing finding per distinct secret of `rules` in `exposures` whose SHA-256 is not in `tracked`.
    public func evaluate(exposures: ExposureIndex?, tracked: Set<String>) -> [Finding] {
        guard let exposures else { return [] }
        return exposures.distinctSecrets(rules: Set(rules)).compactMap { entry in
            guard !tracked.contains(entry.sighting.sha256.lowercased()) else { return nil }
            return Finding(
                subject: entry.sighting.redacted, status: .fail,
                detail: .untrackedSecret(
                    rule: entry.sighting.ruleID, place: entry.sighting.place, sightings: entry.count,
                    sha256: entry.sighting.sha256))
        }
    }
}
