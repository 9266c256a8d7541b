import Crypto
import Foundation

/// A content file read into memory: its text (validated UTF-8) and the SHA-256 of its bytes.
public struct SourceFile: Hashable, Sendable {
    /// The path shown in diagnostics, relative to the root (e.g. `content/policies/keys/rotation.md`).
    public var path: String
    /// The file's text, without a leading byte-order mark, with every line end (CRLF, or a lone CR
    /// as old Mac editors write) turned into LF, so that every reader and cmark count lines alike.
    public var text: String
    /// SHA-256 (lowercase hex) of the file's bytes as stored.
    public var sha256: String

    /// Decodes `bytes`; a diagnostic at `path:1:1` when they are not UTF-8.
    public init(bytes: [UInt8], path: String) throws(Diagnostic) {
        self.path = path
        sha256 = Self.hexDigest(bytes)
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard let text = String(validating: content, as: UTF8.self) else {
            let line = Self.lineOfFirstInvalidByte(content)
            throw Diagnostic.error(
                "file is not valid UTF-8 text; save it as UTF-8", at: SourceLocation(path: path, line: line))
        }
        self.text = text.utf8.contains(UInt8(ascii: "\r")) ? Self.normalizingLineEnds(text) : text
    }

    /// Reads the file at `absolutePath`; a diagnostic at `path:1:1` when it cannot be read or is not UTF-8.
    public init(contentsOf absolutePath: String, path: String) throws(Diagnostic) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: absolutePath))
        } catch {
            throw Diagnostic.error("cannot read file: \(Self.reason(error))", at: SourceLocation(path: path))
        }
        try self.init(bytes: Array(data), path: path)
    }

    /// Lowercase hex SHA-256 of `bytes`.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// `text` with CRLF and lone CR line ends turned into LF.
    static func normalizingLineEnds(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                previousWasCR = true
                continue
            }
            if byte == UInt8(ascii: "\n"), previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func lineOfFirstInvalidByte(_ bytes: [UInt8]) -> Int {
        // Decode line by line; the first line that fails holds the bad byte.
        var line = 1
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return 1
    }

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
