import Foundation

/// Where a report writer's text goes: a file, written in blocks as it grows (a report of a
/// million findings is never held whole), or memory.
public final class ReportOutput {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private var writeError: (any Error)?
    private static let blockSize = 1 << 20

    /// Collects the text in memory; read it with ``text``.
    public init() { handle = nil }

    /// Writes to `handle`, which the caller closes after ``finish()``.
    public init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.blockSize)
    }

    /// Appends `text`.
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if handle != nil, buffer.count >= Self.blockSize { flush() }
    }

    /// Appends UTF-8 text.
    public func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if handle != nil, buffer.count >= Self.blockSize { flush() }
    }

    private func flush() {
        guard let handle, writeError == nil, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            writeError = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; throws the first write error.
    public func finish() throws {
        flush()
        if let writeError { throw writeError }
    }

    /// The text collected in memory.
    public var text: String { String(decoding: buffer, as: UTF8.self) }
}
