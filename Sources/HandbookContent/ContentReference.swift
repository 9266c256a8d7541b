/// A name one content file uses to refer to another thing (a policy id in a quiz, a quiz id in a
/// control's parameters, an audience group), with where it is written, for cross-checks.
public struct ContentReference: Hashable, Sendable {
    /// The id or group name as written.
    public var name: String
    /// Where it is written.
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
