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
    /// For a quiz page: the file split where each response gets the person's form token and its
    /// own order of options, so that the page is not searched again per request.
    let quizForm: QuizFormPage?
    /// For a policy page that asks for acceptance: the file split where each response gets what the
    /// caller may do (the accept form, or when they accepted).
    let acceptanceForm: AcceptanceFormPage?

    init(path: String, contents: [UInt8]) {
        let digest = SHA256.hash(data: contents)
        entityTag =
            "\""
            + digest.prefix(12).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined() + "\""
        let type = Self.contentType(forPath: path)
        let form = type.hasPrefix("text/html") ? QuizFormPage(contents) : nil
        quizForm = form
        let acceptance = type.hasPrefix("text/html") && form == nil ? AcceptanceFormPage(contents) : nil
        acceptanceForm = acceptance
        body = ByteBuffer(bytes: contents)
        var headers = ServerHeaders.security
        headers[.contentType] = type
        if form != nil || acceptance != nil {
            // Carries a per-person token (and a per-attempt order): never cached, never revalidated.
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
}
