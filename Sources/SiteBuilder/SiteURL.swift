/// Where sources land in the site, and relative paths between pages.
///
/// Every URL here is a path relative to the site folder that names a file
/// (`policies/keys/rotation/index.html`): links name `index.html` explicitly so that the site
/// works from `file://` as well as from a server.
enum SiteURL {
    /// `content/policies/keys/rotation.md` → `policies/keys/rotation/index.html`;
    /// `content/guides/index.md` → `guides/index.html`.
    static func forSource(_ sourcePath: String) -> String {
        var path = sourcePath
        if path.hasPrefix("content/") { path.removeFirst("content/".count) }
        if path.lowercased().hasSuffix(".md") { path.removeLast(3) }
        if path == "index" { return "index.html" }
        if path.hasSuffix("/index") { return String(path.dropLast("index".count)) + "index.html" }
        return path + "/index.html"
    }

    /// `quizzes/ID/index.html`.
    static func forQuiz(_ id: String) -> String { "quizzes/\(id)/index.html" }

    /// The landing page of a navigation group (a folder relative to the site root).
    static func forGroup(_ key: String) -> String { key.isEmpty ? "index.html" : key + "/index.html" }

    /// `../` for each folder of `url`.
    static func pathToRoot(from url: String) -> String {
        String(repeating: "../", count: url.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }

    /// Resolves `.` and `..` in a `/`-separated path (empty parts dropped); nil if it climbs above
    /// its start. On bytes: every link of every page goes through it.
    static func normalize(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts: [Range<Int>] = []
        var changed = false
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == slash {
            defer { start = end + 1 }
            let length = end - start
            if length == 0 || (length == 1 && bytes[start] == dot) {
                changed = true
            } else if length == 2, bytes[start] == dot, bytes[start + 1] == dot {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                changed = true
            } else {
                parts.append(start..<end)
            }
        }
        guard changed else { return path }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (index, part) in parts.enumerated() {
            if index > 0 { result.append(slash) }
            result.append(contentsOf: bytes[part])
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The folder part of a path (`a/b/c.md` → `a/b`, `c.md` → ``).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
