/// What "my training" needs of one person's records, however many they have: the latest passing
/// record of each quiz (all that ``TrainingStatus`` needs on today's date: a pass that has lapsed or
/// been re-opened makes every older pass lapsed or re-opened too) and the most recent records.
public struct PersonTrainingRecords: Hashable, Sendable {
    /// The latest passing record of each quiz the person passed, in sequence order.
    public var latestPasses: [AttemptRecord]
    /// The person's most recent records, oldest first.
    public var recent: [AttemptRecord]
    /// How many records the person has in all.
    public var total: Int
    /// The person's policy acceptances, in sequence order (few: one per policy and major version).
    public var acceptances: [AttemptRecord]

    public init(latestPasses: [AttemptRecord], recent: [AttemptRecord], total: Int, acceptances: [AttemptRecord] = []) {
        self.latestPasses = latestPasses
        self.recent = recent
        self.total = total
        self.acceptances = acceptances
    }

    /// Picks them out of all of a person's records (sequence order).
    public init(records: [AttemptRecord], recentLimit: Int) {
        var latest: [String: AttemptRecord] = [:]
        for record in records where record.passed && record.kind == .attempt {
            if let current = latest[record.quizID], current.recordedAt > record.recordedAt { continue }
            latest[record.quizID] = record
        }
        self.init(
            latestPasses: latest.values.sorted { $0.sequence < $1.sequence },
            recent: Array(records.suffix(max(0, recentLimit))), total: records.count,
            acceptances: records.filter { $0.kind == .acceptance })
    }
}
