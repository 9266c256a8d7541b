/// An input some controls need that was not given: they still ran, finding no people or no completions.
public struct MissingInput: Hashable, Sendable {
    /// `roster`, `records` or `exposures`.
    public var input: String
    /// The ids of the controls that needed it.
    public var neededBy: [String]

    public init(input: String, neededBy: [String]) {
        self.input = input
        self.neededBy = neededBy
    }

    /// In words: "no roster was given; needed by KEY-OWNER, ACCESS-LEAST".
    public var message: String {
        let what =
            switch input {
            case "roster": "no roster (--people) was given"
            case "exposures": "no leak scan report (--exposures) was given"
            default: "no training records (--records) were given"
            }
        return "\(what); needed by \(neededBy.joined(separator: ", "))"
    }
}
