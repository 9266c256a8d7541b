/// One step of a build and how long it took (wall-clock time).
public struct BuildPhase: Sendable, Equatable {
    public var name: String
    public var seconds: Double

    public init(name: String, seconds: Double) {
        self.name = name
        self.seconds = seconds
    }
}

/// Times the steps of a build one after the other.
struct PhaseClock {
    private(set) var phases: [BuildPhase] = []
    private var start = ContinuousClock.now

    /// Ends the step `name`, begun where the previous one ended.
    mutating func end(_ name: String) {
        let now = ContinuousClock.now
        phases.append(BuildPhase(name: name, seconds: Double((now - start) / .milliseconds(1)) / 1000))
        start = now
    }
}
