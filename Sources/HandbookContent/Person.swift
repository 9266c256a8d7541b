/// A row of the roster (the people CSV).
public struct Person: Hashable, Sendable, Codable {
    /// Lowercased email: the person's identity everywhere.
    public var email: String
    public var name: String
    public var team: String
    public var groups: [String]
    public var active: Bool
    public var startDate: CalendarDate?
    public var manager: String?

    public init(
        email: String, name: String, team: String = "", groups: [String] = [], active: Bool = true,
        startDate: CalendarDate? = nil, manager: String? = nil
    ) {
        self.email = email.lowercased()
        self.name = name
        self.team = team
        self.groups = groups
        self.active = active
        self.startDate = startDate
        self.manager = manager
    }
}
