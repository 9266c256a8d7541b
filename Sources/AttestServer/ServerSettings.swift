import Foundation
import HandbookContent

/// Where and how the server listens, and its limits.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// The largest request body accepted (413 beyond): 64 KiB by default.
    public var maxBodyBytes: Int
    /// The clock (tests pin it).
    public var now: @Sendable () -> Date
    /// Random numbers for the order in which a quiz page shows each question's options: the system's
    /// secure generator by default (tests pin it).
    public var random: @Sendable () -> UInt64

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 64 * 1024,
        now: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> UInt64 = { UInt64.random(in: .min ... .max) }
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.now = now
        self.random = random
    }

    /// ``random`` as a generator for the standard library's `shuffle(using:)`.
    struct RandomSource: RandomNumberGenerator {
        let random: @Sendable () -> UInt64
        mutating func next() -> UInt64 { random() }
    }
}
