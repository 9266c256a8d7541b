import Crypto
import Foundation
import TrainingRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The HMAC-SHA256 key that signs invitation links, session cookies and form tokens.
///
/// `attest serve` and `attest training invite` read the same file (by default `server.key` beside the
/// records database, e.g. `.attest/server.key`), so a link printed by one is accepted by the other.
/// The file is created on first use with mode 0600 and holds 32 random bytes, hex-encoded.
public struct ServerSigningKey: Sendable {
    /// The raw key (SymmetricKey is not Sendable; one is made per use, which is cheap).
    private let bytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// A key from raw bytes (tests); at least 32 bytes.
    public init(bytes: [UInt8]) throws(ServerSetupError) {
        guard bytes.count >= 32 else { throw .badKeyFile("a signing key needs at least 32 bytes") }
        self.bytes = bytes
    }

    /// A fresh random key (tests, or a server that must not share links).
    public static func random() -> ServerSigningKey {
        var generator = SystemRandomNumberGenerator()
        return ServerSigningKey(unchecked: (0..<32).map { _ in generator.next() })
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// The key file that goes with a records database: `server.key` in the same folder.
    public static func defaultPath(forRecords recordsPath: String) -> String {
        let folder = (recordsPath as NSString).deletingLastPathComponent
        return folder.isEmpty ? "server.key" : (folder as NSString).appendingPathComponent("server.key")
    }

    /// Reads the key at `path`, creating it (and its folder) with mode 0600 when it does not exist.
    ///
    /// Creation uses `O_CREAT|O_EXCL`, so a server and an invite command starting together agree on one key.
    public static func loadOrCreate(at path: String) throws(ServerSetupError) -> ServerSigningKey {
        if let existing = try read(path) { return existing }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .badKeyFile("cannot create the folder for the signing key \(path): \(error.localizedDescription)")
            }
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let text = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            if errno == EEXIST, let existing = try read(path) { return existing }
            throw .badKeyFile("cannot create the signing key \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = text.utf8CString.withUnsafeBufferPointer { buffer in
            write(descriptor, buffer.baseAddress, buffer.count - 1)
        }
        guard written == text.utf8.count, fsync(descriptor) == 0 else {
            throw .badKeyFile("cannot write the signing key \(path): \(String(cString: strerror(errno)))")
        }
        return try ServerSigningKey(bytes: bytes)
    }

    /// The key in the file, nil when there is no file.
    private static func read(_ path: String) throws(ServerSetupError) -> ServerSigningKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badKeyFile("cannot read the signing key \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = CanonicalJSON.bytes(fromHex: text), bytes.count >= 32 else {
            throw .badKeyFile("\(path) is not a signing key (expected 64 hex digits); remove it to create a new one")
        }
        return try ServerSigningKey(bytes: bytes)
    }

    /// The HMAC-SHA256 of `message`.
    func signature(for message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// Whether `signature` is the HMAC of `message` (constant time).
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: key)
    }
}
