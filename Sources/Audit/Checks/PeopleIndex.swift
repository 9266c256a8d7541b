/// What the key checks ask about a person by email (roster standing, current passes), in an
/// open-addressing table hashed a machine word at a time: checks ask it several times per key, a
/// million keys over.
struct PeopleIndex: Sendable {
    /// What is known of one person.
    struct Facts: Sendable {
        /// nil: not in the roster.
        var active: Bool?
        /// Quizzes of which the person holds a current pass.
        var passes: Set<String> = []
    }

    private struct Entry: Sendable {
        var hash = 0
        var email: String?
        var facts = Facts()
    }

    /// At most half full.
    private var entries: [Entry]

    init(active: [String: Bool], passes: [String: Set<String>]) {
        var size = 16
        while size < 2 * (active.count + passes.count) { size *= 2 }
        entries = Array(repeating: Entry(), count: size)
        for (email, isActive) in active { update(email) { $0.active = isActive } }
        for (email, quizzes) in passes { update(email) { $0.passes = quizzes } }
    }

    /// Whether `email` is active in the roster; nil when not in it.
    func isActive(_ email: String) -> Bool? {
        slot(of: email).flatMap { entries[$0].facts.active }
    }

    /// Whether `email` holds a current pass of `quizID`.
    func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        slot(of: email).map { entries[$0].facts.passes.contains(quizID) } ?? false
    }

    private func slot(of email: String) -> Int? {
        let hash = Self.hash(email)
        let mask = entries.count - 1
        var slot = hash & mask
        while let existing = entries[slot].email {
            if entries[slot].hash == hash, existing == email { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func update(_ email: String, _ change: (inout Facts) -> Void) {
        let hash = Self.hash(email)
        let mask = entries.count - 1
        var slot = hash & mask
        while let existing = entries[slot].email {
            if entries[slot].hash == hash, existing == email { break }
            slot = (slot + 1) & mask
        }
        entries[slot].hash = hash
        entries[slot].email = entries[slot].email ?? email
        change(&entries[slot].facts)
    }

    private static func hash(_ email: String) -> Int {
        email.utf8.withContiguousStorageIfAvailable(ShortValueHash.hash)
            ?? Array(email.utf8).withUnsafeBufferPointer(ShortValueHash.hash)
    }
}
