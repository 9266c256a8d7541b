import Crypto
import Foundation

/// Reads a CSV file in blocks cut at record boundaries, so that a million-row inventory is never
/// held in memory whole, and the blocks can be parsed on several cores. Hashes the bytes (SHA-256)
/// as it goes.
///
/// A record ends at a line break outside quotes; counting quotes from a record boundary is enough
/// to find one, since `""` inside a quoted field toggles twice.
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
    private(set) var byteCount = 0
    let blockSize: Int

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

    private mutating func readBlock() throws -> [UInt8]? {
        if let handle {
            guard let data = try handle.read(upToCount: blockSize), !data.isEmpty else { return nil }
            return [UInt8](data)
        }
        guard var input = remainingInput, !input.isEmpty else { return nil }
        let block = Array(input.prefix(blockSize))
        input.removeFirst(block.count)
        remainingInput = input
        return block
    }

    /// The next run of whole records, or nil at the end of the file.
    mutating func next() throws -> Chunk? {
        while !finished {
            guard let block = try readBlock() else {
                finished = true
                try handle?.close()
                break
            }
            hasher.update(data: block)
            byteCount += block.count
            pending.append(contentsOf: block)
            if let cut = Self.lastRecordEnd(pending), cut > 0 {
                let chunkBytes = Array(pending[..<cut])
                pending.removeFirst(cut)
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
        nextLine += bytes.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } }
        return chunk
    }

    /// The offset just past the last line break outside quotes, or nil when there is none.
    static func lastRecordEnd(_ bytes: [UInt8]) -> Int? {
        var inQuotes = false
        var last: Int?
        bytes.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                let byte = buffer[index]
                if byte == 0x22 {
                    inQuotes.toggle()
                } else if byte == 0x0A, !inQuotes {
                    last = index + 1
                }
            }
        }
        return last
    }
}
