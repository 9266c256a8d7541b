/// What the key checks ask about a person by email (roster standing, current passes), in a
/// ``ByteStringTable``: checks ask it several times per key, a million keys over, from every core
/// at once, and a lookup compares bytes without copying (or counting references to) anything.
struct PeopleIndex: Sendable {
    private struct Person: Sendable {
        /// 1 active, 0 inactive, -1 not in the roster.
        var standing: Int8 = -1
        /// Quizzes of which the person holds a current pass, as bits: bit i for `quizIDs[i]`.
        var passBits: UInt64 = 0
    }

    private var people = ByteStringTable<Person>()
    /// The quizzes anyone holds a pass of, sorted; a bit each in `passBits` (the first 64).
    private let quizIDs: [String]
    /// Passes of quizzes beyond the first 64 (a handbook with that many quizzes is rare), by entry.
    private var otherPasses: [Int: Set<String>] = [:]

    /// The index of the roster's `people` (email lowercased, active) and the current `passes`
    /// (email lowercased, quiz id). A person may hold passes without being in the roster.
    init(people roster: [(email: String, active: Bool)], passes: [(email: String, quizID: String)]) {
        people = ByteStringTable(capacity: roster.count)
        quizIDs = Set(passes.map(\.quizID)).sorted()
        for person in roster {
            let entry = Self.withBytes(person.email) { people.insert($0, hash: $1) { Person() }.entry }
            people[entry].standing = person.active ? 1 : 0
        }
        for pass in passes {
            let entry = Self.withBytes(pass.email) { people.insert($0, hash: $1) { Person() }.entry }
            if let bit = Self.bit(of: pass.quizID, in: quizIDs) {
                people[entry].passBits |= bit
            } else {
                otherPasses[entry, default: []].insert(pass.quizID)
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
        guard let entry = entry(of: email), people[entry].standing >= 0 else { return nil }
        return people[entry].standing == 1
    }

    /// Whether `email` holds a current pass of `quizID`.
    func hasCurrentPass(_ email: String, quizID: String) -> Bool {
        guard let entry = entry(of: email) else { return false }
        if let bit = Self.bit(of: quizID, in: quizIDs) { return people[entry].passBits & bit != 0 }
        return otherPasses[entry]?.contains(quizID) ?? false
    }

    private func entry(of email: String) -> Int? {
        Self.withBytes(email) { people.find($0, hash: $1) }
    }

    /// Calls `body` with the UTF-8 bytes of `email` and their hash.
    private static func withBytes<Result>(
        _ email: String, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Result
    ) -> Result {
        func call(_ bytes: UnsafeBufferPointer<UInt8>) -> Result { body(bytes, ShortValueHash.hash(bytes)) }
        return email.utf8.withContiguousStorageIfAvailable(call) ?? Array(email.utf8).withUnsafeBufferPointer(call)
    }
}
