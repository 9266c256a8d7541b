/// One team's share of requirements held (current or due soon).
public struct TeamCompletion: Hashable, Sendable, Codable {
    /// The roster's team; "" for people without one.
    public var team: String
    /// Requirements of the team's active people.
    public var required: Int
    /// Those current or due soon.
    public var completed: Int

    public init(team: String, required: Int, completed: Int) {
        self.team = team
        self.required = required
        self.completed = completed
    }

    /// `completed` as a percentage of `required`, rounded down (never overstated); 100 with nothing required.
    public var percent: Int { required == 0 ? 100 : completed * 100 / required }
}
