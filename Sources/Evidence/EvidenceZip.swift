/// The package as one ZIP file: entries stored (not compressed) in path order, every time stamp
/// 1980-01-01 00:00, UTF-8 names, so the same files give the same bytes. Reads back only what it
/// writes (stored entries, no ZIP64).
public enum EvidenceZip {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
    static let utf8Flag: UInt16 = 0x0800

    /// The ZIP bytes of `files`, in path order.
    public static func archive(_ files: [EvidenceFile]) throws -> [UInt8] {
        let sorted = files.sorted { $0.path < $1.path }
        guard sorted.count < 0xFFFF else { throw Failure(description: "too many files for a ZIP without ZIP64") }
        var output: [UInt8] = []
        var central: [UInt8] = []
        for file in sorted {
            let name = Array(file.path.utf8)
            let crc = CRC32.checksum(file.bytes)
            guard file.bytes.count < 0xFFFF_FFFF, output.count < 0xFFFF_FFFF, name.count < 0xFFFF else {
                throw Failure(description: "'\(file.path)' is too large for a ZIP without ZIP64")
            }
            let offset = UInt32(output.count)
            output.append32(0x0403_4b50)
            output.append16(20)
            output.append16(utf8Flag)
            output.append16(0)
            output.append16(0)
            output.append16(dosDate)
            output.append32(crc)
            output.append32(UInt32(file.bytes.count))
            output.append32(UInt32(file.bytes.count))
            output.append16(UInt16(name.count))
            output.append16(0)
            output.append(contentsOf: name)
            output.append(contentsOf: file.bytes)

            central.append32(0x0201_4b50)
            central.append16(20)
            central.append16(20)
            central.append16(utf8Flag)
            central.append16(0)
            central.append16(0)
            central.append16(dosDate)
            central.append32(crc)
            central.append32(UInt32(file.bytes.count))
            central.append32(UInt32(file.bytes.count))
            central.append16(UInt16(name.count))
            central.append16(0)
            central.append16(0)
            central.append16(0)
            central.append16(0)
            central.append32(0)
            central.append32(offset)
            central.append(contentsOf: name)
        }
        guard output.count + central.count < 0xFFFF_FFFF else {
            throw Failure(description: "the package is too large for a ZIP without ZIP64")
        }
        let centralOffset = UInt32(output.count)
        output.append(contentsOf: central)
        output.append32(0x0605_4b50)
        output.append16(0)
        output.append16(0)
        output.append16(UInt16(sorted.count))
        output.append16(UInt16(sorted.count))
        output.append32(UInt32(central.count))
        output.append32(centralOffset)
        output.append16(0)
        return output
    }

    /// The files of a ZIP written by ``archive(_:)`` (or any ZIP of stored entries).
    public static func extract(_ bytes: [UInt8]) throws -> [EvidenceFile] {
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw Failure(description: "truncated ZIP") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int {
            Int(try u16(at)) | Int(try u16(at + 2)) << 16
        }
        // The end-of-central-directory record: the last 22 bytes, or before a comment.
        var end = bytes.count - 22
        while end >= 0, (try? u32(end)) != 0x0605_4b50 { end -= 1 }
        guard end >= 0 else { throw Failure(description: "not a ZIP file (no end of central directory)") }
        let count = try u16(end + 10)
        var position = try u32(end + 16)
        var files: [EvidenceFile] = []
        for _ in 0..<count {
            guard try u32(position) == 0x0201_4b50 else { throw Failure(description: "damaged ZIP central directory") }
            let method = try u16(position + 10)
            let crc = UInt32(try u32(position + 16))
            let size = try u32(position + 20)
            let nameLength = try u16(position + 28)
            let extraLength = try u16(position + 30)
            let commentLength = try u16(position + 32)
            let local = try u32(position + 42)
            guard position + 46 + nameLength <= bytes.count else { throw Failure(description: "truncated ZIP") }
            let name = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            position += 46 + nameLength + extraLength + commentLength
            if name.hasSuffix("/") { continue }
            guard method == 0 else {
                throw Failure(description: "'\(name)' is compressed; only stored entries are read")
            }
            guard try u32(local) == 0x0403_4b50 else { throw Failure(description: "damaged ZIP entry '\(name)'") }
            let start = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
            guard start + size <= bytes.count else { throw Failure(description: "truncated ZIP entry '\(name)'") }
            let data = Array(bytes[start..<(start + size)])
            guard CRC32.checksum(data) == crc else { throw Failure(description: "ZIP entry '\(name)' fails its CRC") }
            files.append(EvidenceFile(path: name, bytes: data))
        }
        return files.sorted { $0.path < $1.path }
    }
}

extension [UInt8] {
    fileprivate mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    fileprivate mutating func append32(_ value: UInt32) {
        append16(UInt16(value & 0xFFFF))
        append16(UInt16(value >> 16))
    }
}
