/// The people of the organization, from the roster CSV.
public struct Roster: Hashable, Sendable {
    public private(set) var people: [Person]
    private var index: [String: Int]
    /// The file it was read from, for reports; nil when no roster was given.
    public var sourcePath: String?

    public init(people: [Person], sourcePath: String? = nil) {
        self.people = people
        self.sourcePath = sourcePath
        var index: [String: Int] = [:]
        for (i, person) in people.enumerated() { index[person.email] = i }
        self.index = index
    }

    /// No roster given.
    public static let empty = Roster(people: [])

    /// The person with this email (case-insensitive).
    public func person(_ email: String) -> Person? {
        index[email.lowercased()].map { people[$0] }
    }

    /// Every group named by someone in the roster.
    public var groups: Set<String> { Set(people.flatMap(\.groups)) }
}
