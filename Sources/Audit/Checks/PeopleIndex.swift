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
    /// Quizzes of which the person holds a current pass.
    private var passes: [Set<String>]

    init(active: [String: Bool], passes: [String: Set<String>]) {
        var size = 16
        while size < 2 * (active.count + passes.count) { size *= 2 }
        hashes = Array(repeating: 0, count: size)
        emails = Array(repeating: "", count: size)
        standings = Array(repeating: -1, count: size)
        self.passes = Array(repeating: [], count: size)
        for (email, isActive) in active { standings[insert(email)] = isActive ? 1 : 0 }
        for (email, quizzes) in passes { self.passes[insert(email)] = quizzes }
    }

    /// Whether `email` is active in the roster; nil when not in it.
    func isActive(_ email: String) -> Bool? {
        guard let slot = slot(of: email), standings[slot] >= 0 else { return nil }
        return standings[slot] == 1
    }

    /// Whether `email` holds a current pass of `quizID`.
    func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        guard let slot = slot(of: email) else { return false }
        return passes[slot].contains(quizID)
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
