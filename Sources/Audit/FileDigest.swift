import Crypto
import Foundation

/// SHA-256 of files, read in blocks, for the report's inputs.
public enum FileDigest {
    /// The hex SHA-256 of the file at `path`.
    public static func sha256(ofFileAt path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The hex SHA-256 of `bytes`.
    public static func sha256(of bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Data(bytes)).map { String(format: "%02x", $0) }.joined()
    }
}
