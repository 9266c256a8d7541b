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

    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 64 * 1024,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.now = now
    }
}
