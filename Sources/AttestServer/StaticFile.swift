import Crypto
import HTTPTypes
import Hummingbird

/// One file of the built site, held in memory with its response headers worked out in advance.
struct StaticFile: Sendable {
    /// The whole file.
    let body: ByteBuffer
    /// Content-Type, ETag, Cache-Control and the security headers.
    let headers: HTTPFields
    /// The quoted ETag (`"…"`), compared with If-None-Match.
    let entityTag: String
    /// For a quiz page: the file split around the value of `<input type="hidden" name="csrf_token" value="">`,
    /// so that each person's form token is put in without searching the page again.
    let formTokenSlot: (before: ByteBuffer, after: ByteBuffer)?

    /// What the site builder writes in each quiz form; the server fills in the value.
    static let formTokenMarker = Array(#"<input type="hidden" name="csrf_token" value=""#.utf8)

    init(path: String, contents: [UInt8]) {
        let digest = SHA256.hash(data: contents)
        entityTag =
            "\""
            + digest.prefix(12).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined() + "\""
        let type = Self.contentType(forPath: path)
        var slot: (before: ByteBuffer, after: ByteBuffer)?
        if type.hasPrefix("text/html"), let range = Self.firstRange(of: Self.formTokenMarker, in: contents) {
            slot = (ByteBuffer(bytes: contents[..<range.upperBound]), ByteBuffer(bytes: contents[range.upperBound...]))
        }
        formTokenSlot = slot
        body = ByteBuffer(bytes: contents)
        var headers = ServerHeaders.security
        headers[.contentType] = type
        if slot != nil {
            // Carries a per-person token: never cached, never revalidated.
            headers[.cacheControl] = "private, no-store"
        } else {
            headers[.eTag] = entityTag
            headers[.cacheControl] = path.hasPrefix("static/") ? "public, max-age=3600" : "no-cache"
        }
        self.headers = headers
    }

    /// The Content-Type for a file name, with `charset=utf-8` for text.
    static func contentType(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let fileExtension =
            name.split(separator: ".").count > 1 ? (name.split(separator: ".").last.map { $0.lowercased() } ?? "") : ""
        switch fileExtension {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "map": return "application/json"
        case "xml": return "application/xml"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/vnd.microsoft.icon"
        case "pdf": return "application/pdf"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "ttf": return "font/ttf"
        case "otf": return "font/otf"
        case "wasm": return "application/wasm"
        case "webmanifest": return "application/manifest+json"
        default: return "application/octet-stream"
        }
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                return index..<index + needle.count
            }
            index += 1
        }
        return nil
    }
}
