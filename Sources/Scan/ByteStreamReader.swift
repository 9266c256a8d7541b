#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor (a pipe from git) through one buffer: lines, NUL-terminated tokens and
/// runs of a known length, without holding more than the buffer and the item asked for.
final class ByteStreamReader: @unchecked Sendable {
    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEnd = false

    init(fileDescriptor: Int32, capacity: Int = 1 << 20) {
        fd = fileDescriptor
        buffer = [UInt8](repeating: 0, count: capacity)
    }

    /// Reads more bytes into the buffer (moving what is unread to its start); false at the end.
    @discardableResult
    func fill() -> Bool {
        if atEnd { return false }
        if start > 0 {
            if start < end {
                buffer.withUnsafeMutableBufferPointer { pointer in
                    let base = pointer.baseAddress!
                    memmove(base, base + start, end - start)
                }
            }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                Glibc.read(fd, pointer.baseAddress! + end, pointer.count - end)
            }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                atEnd = true
                return false
            }
            end += count
            return true
        }
    }

    /// The bytes up to the next `delimiter` (not included; the delimiter is consumed), or the rest
    /// when the stream ends without one; nil at the end.
    func next(until delimiter: UInt8) -> [UInt8]? {
        var searched = start
        while true {
            if let index = buffer[searched..<end].firstIndex(of: delimiter) {
                let token = Array(buffer[start..<index])
                start = index + 1
                return token
            }
            searched = end
            let offset = searched - start
            guard fill() else {
                guard start < end else { return nil }
                let token = Array(buffer[start..<end])
                start = end
                return token
            }
            searched = start + offset
        }
    }

    /// Exactly `count` bytes, passed to `body` in place; nil when the stream ended first. A run
    /// longer than the buffer is read into an array of its own (the buffer never grows for it).
    func read<Result>(count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        if count > buffer.count {
            var whole = [UInt8](repeating: 0, count: count)
            let available = end - start
            whole.replaceSubrange(0..<available, with: buffer[start..<end])
            start = end
            var filled = available
            while filled < count {
                let got = whole.withUnsafeMutableBufferPointer { pointer in
                    Glibc.read(fd, pointer.baseAddress! + filled, count - filled)
                }
                if got < 0, errno == EINTR { continue }
                if got <= 0 {
                    atEnd = true
                    return nil
                }
                filled += got
            }
            return whole.withUnsafeBufferPointer { body($0) }
        }
        while end - start < count {
            guard fill() else { return nil }
        }
        let result = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
        start += count
        return result
    }

    /// The next bytes available, whatever their number; nil at the end.
    func nextChunk() -> [UInt8]? {
        if start == end, !fill() { return nil }
        let chunk = Array(buffer[start..<end])
        start = end
        return chunk
    }
}
