/// What the key checks ask about a person by email (roster standing, current passes), in an
/// open-addressing table hashed a machine word at a time: checks ask it several times per key, a
/// million keys over. Parallel arrays, probed by hash, so that a lookup copies (and retains)
/// nothing: the emails are shared by every worker, and counting references to them from two
/// cores at once is what would cost most.
struct PeopleIndex: Sendable {
    /// 0: an empty slot.
    private var hashes: [Int]
    private var emails: [String]
    /// 1 active, 0 inactive, -1 not in the roster.
    private var standings: [Int8]
    /// Quizzes of which the person holds a current pass, as bits: bit i for `quizIDs[i]`.
    private var passBits: [UInt64]
    /// The quizzes anyone holds a pass of, sorted; a bit each in `passBits` (the first 64).
    private let quizIDs: [String]
    /// Passes of quizzes beyond the first 64 (a handbook with that many quizzes is rare).
    private var otherPasses: [Int: Set<String>] = [:]

    init(active: [String: Bool], passes: [String: Set<String>]) {
        var size = 16
        while size < 2 * (active.count + passes.count) { size *= 2 }
        hashes = Array(repeating: 0, count: size)
        emails = Array(repeating: "", count: size)
        standings = Array(repeating: -1, count: size)
        passBits = Array(repeating: 0, count: size)
        let quizIDs = Set(passes.values.joined()).sorted()
        self.quizIDs = quizIDs
        for (email, isActive) in active { standings[insert(email)] = isActive ? 1 : 0 }
        for (email, quizzes) in passes {
            let slot = insert(email)
            for quiz in quizzes {
                if let bit = Self.bit(of: quiz, in: quizIDs) {
                    passBits[slot] |= bit
                } else {
                    otherPasses[slot, default: []].insert(quiz)
                }
            }
        }
    }

    /// The bit of `quizID` in `passBits`; nil when it has none (no pass of it, or past the 64th).
    private static func bit(of quizID: String, in quizIDs: [String]) -> UInt64? {
        // A handful of quiz ids: comparing them beats hashing the id on every call.
        guard let index = quizIDs.firstIndex(of: quizID), index < 64 else { return nil }
        return 1 << UInt64(index)
    }

    /// Whether `email` is active in the roster; nil when not in it.
    func isActive(_ email: String) -> Bool? {
        guard let slot = slot(of: email), standings[slot] >= 0 else { return nil }
        return standings[slot] == 1
    }

    /// Whether `email` holds a current pass of `quizID`.
    func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        guard let slot = slot(of: email) else { return false }
        if let bit = Self.bit(of: quizID, in: quizIDs) { return passBits[slot] & bit != 0 }
        return otherPasses[slot]?.contains(quizID) ?? false
    }

    private func slot(of email: String) -> Int? {
        let hash = Self.hash(email)
        let mask = hashes.count - 1
        var slot = hash & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, emails[slot] == email { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ email: String) -> Int {
        if let slot = slot(of: email) { return slot }
        let hash = Self.hash(email)
        let mask = hashes.count - 1
        var slot = hash & mask
        while hashes[slot] != 0 { slot = (slot + 1) & mask }
        hashes[slot] = hash
        emails[slot] = email
        return slot
    }

    private static func hash(_ email: String) -> Int {
        let hash =
            email.utf8.withContiguousStorageIfAvailable(ShortValueHash.hash)
            ?? Array(email.utf8).withUnsafeBufferPointer(ShortValueHash.hash)
        return hash == 0 ? 1 : hash
    }
}
