import HandbookContent

/// The sightings of every scan report given to `attest audit --exposures`, indexed by the secret's
/// SHA-256 and by AWS access key id, so that each inventory key is matched with two hash lookups.
public struct ExposureIndex: Sendable {
    /// Every sighting, in the order given.
    public let sightings: [ExposureSighting]
    /// The earliest sighting of each secret (by SHA-256) and of each key id.
    private let earliestBySHA256: [String: Int]
    private let earliestByKeyID: [String: Int]

    public init(_ sightings: [ExposureSighting]) {
        self.sightings = sightings
        var bySHA: [String: Int] = [:], byID: [String: Int] = [:]
        func earlier(_ candidate: Int, than current: Int?) -> Bool {
            guard let current else { return true }
            switch (sightings[candidate].seenAt, sightings[current].seenAt) {
            case (let a?, let b?): return a < b
            case (_?, nil): return true
            default: return false
            }
        }
        for (index, sighting) in sightings.enumerated() {
            let sha = sighting.sha256.lowercased()
            if earlier(index, than: bySHA[sha]) { bySHA[sha] = index }
            if let id = sighting.keyID, earlier(index, than: byID[id]) { byID[id] = index }
        }
        earliestBySHA256 = bySHA
        earliestByKeyID = byID
    }

    /// The earliest sighting of `key`: by its `secret_sha256`, or by its id when a scan saw that id.
    public func earliestSighting(of key: InventoryKey) -> ExposureSighting? {
        let bySHA = key.secretSHA256.flatMap { earliestBySHA256[$0] }
        let byID = earliestByKeyID[key.id]
        switch (bySHA, byID) {
        case (let a?, let b?):
            guard let first = sightings[a].seenAt, let second = sightings[b].seenAt else { return sightings[a] }
            return sightings[first <= second ? a : b]
        case (let a?, nil): return sightings[a]
        case (nil, let b?): return sightings[b]
        default: return nil
        }
    }

    /// Whether the scans saw `key` at all (by secret or by id), for `inventory-complete`: the SHA-256s
    /// of the secrets it accounts for.
    func secretsAccounted(for key: InventoryKey) -> [String] {
        var found: [String] = []
        if let sha = key.secretSHA256, earliestBySHA256[sha] != nil { found.append(sha) }
        return found
    }

    /// The distinct secrets seen under `rules` (one per SHA-256, its earliest sighting), and how many
    /// times each was seen.
    func distinctSecrets(rules: Set<String>) -> [(sighting: ExposureSighting, count: Int)] {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for sighting in sightings where rules.contains(sighting.ruleID) {
            let sha = sighting.sha256.lowercased()
            if counts[sha] == nil { order.append(sha) }
            counts[sha, default: 0] += 1
        }
        return order.compactMap { sha in earliestBySHA256[sha].map { (sightings[$0], counts[sha] ?? 1) } }
    }
}
