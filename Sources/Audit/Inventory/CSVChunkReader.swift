import Crypto
import Foundation
import HandbookContent

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a CSV file in blocks cut at record boundaries, so that a million-row inventory is never
/// held in memory whole, and the blocks can be parsed on several cores. Hashes the bytes (SHA-256)
/// as it goes.
///
/// Where records end is found by ``CSVScanner``, the grammar the blocks are then read with, fed
/// each block as it arrives: a line feed inside a quoted field is not a boundary, a `"` inside an
/// unquoted field opens nothing, and the cuts fall where a reading of the whole file would end its
/// records. After a syntax error the blocks are cut anywhere: the block that holds the error is the
/// last one read.
struct CSVChunkReader {
    /// A run of whole records.
    struct Chunk: Sendable {
        var bytes: [UInt8]
        /// The file line of the chunk's first byte.
        var firstLine: Int
    }

    private let handle: FileHandle?
    private var remainingInput: [UInt8]?
    private var pending: [UInt8] = []
    private var nextLine = 1
    private var finished = false
    private var hasher = SHA256()
    /// Where the records of `pending` end (`pending` starts at a record boundary).
    private var boundaries = CSVScanner(startsInput: true, endsInput: false)
    /// A syntax error was met: there are no more boundaries to find.
    private var pastSyntaxError = false
    private(set) var byteCount = 0
    let blockSize: Int
    /// Room for the partial record carried over to the next block.
    private static let slack = 1 << 16

    /// Reads the file at `path`.
    init(path: String, blockSize: Int = 4 << 20) throws {
        handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        self.blockSize = blockSize
    }

    /// Reads `bytes` (tests, standard input).
    init(bytes: [UInt8], blockSize: Int = 4 << 20) {
        handle = nil
        remainingInput = bytes
        self.blockSize = blockSize
    }

    /// SHA-256 (hex) of every byte read; complete once ``next()`` has returned nil.
    var sha256: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }

    /// Appends the next block of input to `pending` (hashing it); false at the end of the input.
    private mutating func readBlock() throws -> Bool {
        let start = pending.count
        if let handle {
            // Straight into the pending bytes: no Data, no copy.
            pending.append(contentsOf: [UInt8](repeating: 0, count: blockSize))
            var filled = 0
            while filled < blockSize {
                let count = pending.withUnsafeMutableBytes { buffer in
                    read(handle.fileDescriptor, buffer.baseAddress! + start + filled, blockSize - filled)
                }
                if count < 0, errno == EINTR { continue }
                if count < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                if count == 0 { break }
                filled += count
            }
            pending.removeSubrange((start + filled)...)
        } else if var input = remainingInput, !input.isEmpty {
            let count = min(blockSize, input.count)
            pending.append(contentsOf: input[..<count])
            input.removeFirst(count)
            remainingInput = input
        }
        guard pending.count > start else { return false }
        var hasher = self.hasher
        pending.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        self.hasher = hasher
        byteCount += pending.count - start
        return true
    }

    /// The next run of whole records, or nil at the end of the file.
    mutating func next() throws -> Chunk? {
        while !finished {
            let searchFrom = pending.count
            guard try readBlock() else {
                finished = true
                try handle?.close()
                break
            }
            if let cut = lastRecordEnd(newBytesFrom: searchFrom), cut > 0 {
                // The chunk keeps the buffer; the partial record after the cut starts the next one.
                var chunkBytes = pending
                pending = []
                // Buffers of one size, so that the allocator hands back freed ones, not fresh pages.
                pending.reserveCapacity(blockSize + Self.slack)
                pending.append(contentsOf: chunkBytes[cut...])
                chunkBytes.removeSubrange(cut...)
                boundaries.dropFirst(cut)
                return emit(chunkBytes)
            }
        }
        guard !pending.isEmpty else { return nil }
        let rest = pending
        pending = []
        return emit(rest)
    }

    private mutating func emit(_ bytes: [UInt8]) -> Chunk {
        let chunk = Chunk(bytes: bytes, firstLine: nextLine)
        nextLine += bytes.withUnsafeBufferPointer { buffer in
            var count = 0
            for byte in buffer where byte == 0x0A { count += 1 }
            return count
        }
        return chunk
    }

    /// The offset just past the last record of `pending` that ends in it, reading on from where the
    /// last call stopped (the bytes from `newBytesFrom` are new); nil when no record ends in it.
    /// After a syntax error, the end of `pending`.
    private mutating func lastRecordEnd(newBytesFrom: Int) -> Int? {
        if pastSyntaxError { return pending.count }
        var boundaries = self.boundaries
        var failed = false
        defer {
            self.boundaries = boundaries
            if failed { pastSyntaxError = true }
        }
        return pending.withUnsafeBufferPointer { buffer -> Int? in
            var last: Int?
            // Without a quote in the new bytes, and outside quotes before them, every line feed ends
            // a record: the last one is the cut, found from the end (the usual case).
            if !boundaries.isInsideQuotes, let base = buffer.baseAddress,
                memchr(base + newBytesFrom, 0x22, buffer.count - newBytesFrom) == nil
            {
                var index = buffer.count
                while index > newBytesFrom {
                    index -= 1
                    if buffer[index] == 0x0A {
                        last = index + 1
                        boundaries.restart(atRecordBoundary: index + 1)
                        break
                    }
                }
            }
            var sink = CSVBoundarySink()
            do {
                while case .record(let record, _) = try boundaries.next(in: buffer, into: &sink) {
                    last = record.upperBound
                }
            } catch {
                // The block holding the error is read up to it, and nothing after it.
                failed = true
                return buffer.count
            }
            return last
        }
    }
}
