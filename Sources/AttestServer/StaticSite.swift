import Foundation
import Hummingbird

/// The built site (`site/`), read into memory once: every request for a page is a dictionary look-up.
public struct StaticSite: Sendable {
    /// Files by path relative to the site folder, e.g. `policies/keys/rotation/index.html`.
    private(set) var files: [String: StaticFile]
    /// Every folder that holds files, relative (e.g. `policies/keys/rotation`), for the trailing-slash redirect.
    private(set) var folders: Set<String>
    /// Canonical request paths (`/`, `/policies/x/`, `/policies/x/index.html`, `/static/style.css`) → file:
    /// the fast path for the common request, which needs no decoding. Built only from real file names.
    private(set) var routes: [String: StaticFile]

    /// Whether HTML pages carry the live-reload script (see ``LiveReload``).
    public let liveReload: Bool

    /// A site from file contents by relative path (tests, or a site built in memory).
    ///
    /// - Parameter liveReload: put the live-reload script in every HTML page (`--watch`).
    public init(files: [String: [UInt8]], liveReload: Bool = false) {
        var entries: [String: StaticFile] = [:]
        for (path, contents) in files { entries[path] = Self.file(path, contents, liveReload: liveReload) }
        self.init(entries: entries, liveReload: liveReload)
    }

    private init(entries: [String: StaticFile], liveReload: Bool) {
        var folders: Set<String> = []
        var routes: [String: StaticFile] = [:]
        for (path, file) in entries {
            Self.addFolders(of: path, to: &folders)
            for route in Self.routes(of: path) { routes[route] = file }
        }
        self.files = entries
        self.folders = folders
        self.routes = routes
        self.liveReload = liveReload
    }

    /// The folders holding `path` (`a/b/c.html` → `a/b`, `a`).
    private static func addFolders(of path: String, to folders: inout Set<String>) {
        var components = path.split(separator: "/").dropLast()
        while !components.isEmpty {
            guard folders.insert(components.joined(separator: "/")).inserted else { return }
            components = components.dropLast()
        }
    }

    /// The request paths that name the file at `path`.
    private static func routes(of path: String) -> [String] {
        if path == "index.html" { return ["/index.html", "/"] }
        if path.hasSuffix("/index.html") { return ["/" + path, "/" + path.dropLast("index.html".count)] }
        return ["/" + path]
    }

    private static func file(_ path: String, _ contents: [UInt8], liveReload: Bool) -> StaticFile {
        guard liveReload, StaticFile.contentType(forPath: path).hasPrefix("text/html") else {
            return StaticFile(path: path, contents: contents)
        }
        return StaticFile(path: path, contents: LiveReload.inject(into: contents))
    }

    /// This site with `changed` files added or replaced and `removed` ones taken away: an incremental
    /// rebuild touches only the files it wrote.
    public func updating(files changed: [String: [UInt8]], removing removed: [String] = []) -> StaticSite {
        // Changed in place, not built again: 10,000 pages' routes and folders for one edited page
        // delayed the page an edit was waiting for.
        var site = self
        for path in removed {
            site.files[path] = nil
            for route in Self.routes(of: path) { site.routes[route] = nil }
        }
        for (path, contents) in changed {
            let file = Self.file(path, contents, liveReload: liveReload)
            site.files[path] = file
            for route in Self.routes(of: path) { site.routes[route] = file }
            Self.addFolders(of: path, to: &site.folders)
        }
        if !removed.isEmpty {
            // Folders left empty are no longer folders of the site.
            var folders: Set<String> = []
            for path in site.files.keys { Self.addFolders(of: path, to: &folders) }
            site.folders = folders
        }
        return site
    }

    /// Reads every regular file under `directory`, skipping dot files and symbolic links
    /// (so nothing outside the folder can be served).
    public static func load(directory: String, liveReload: Bool = false) throws(ServerSetupError) -> StaticSite {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .badSite("the site folder \(directory) does not exist; run `attest build` first")
        }
        let base = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        guard
            let enumerator = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                options: [.skipsHiddenFiles])
        else { throw .badSite("cannot read the site folder \(directory)") }
        var files: [String: [UInt8]] = [:]
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values?.isSymbolicLink != true, values?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .badSite("cannot read \(path)")
            }
            files[String(path.dropFirst(prefix.count))] = Array(data)
        }
        return StaticSite(files: files, liveReload: liveReload)
    }

    /// What a request path leads to.
    enum Lookup: Sendable {
        case file(StaticFile)
        /// A folder asked for without its trailing slash: redirect so that relative links work.
        case redirect(String)
        case notFound
        case badPath(String)
    }

    /// Finds the file for a request path (percent-encoded, without the query).
    func lookup(_ rawPath: String) -> Lookup {
        if let file = routes[rawPath] { return .file(file) }
        switch SitePath.parse(rawPath) {
        case .failure(let failure):
            switch failure {
            case .traversal: return .notFound
            case .malformed(let message): return .badPath(message)
            }
        case .success(let path):
            if path.relative.isEmpty || path.isFolder {
                let index = path.relative.isEmpty ? "index.html" : path.relative + "/index.html"
                return files[index].map(Lookup.file) ?? .notFound
            }
            if let file = files[path.relative] { return .file(file) }
            if folders.contains(path.relative), files[path.relative + "/index.html"] != nil {
                return .redirect("/" + path.relative + "/")
            }
            return .notFound
        }
    }

    /// How many files it holds.
    public var fileCount: Int { files.count }
}
