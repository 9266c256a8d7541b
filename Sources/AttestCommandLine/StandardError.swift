#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the process's standard error, unbuffered.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in _ = Glibc.write(2, buffer.baseAddress, buffer.count) }
    }

    /// Whether standard error is a terminal (progress displays only then).
    static var isTerminal: Bool { isatty(2) != 0 }
}
