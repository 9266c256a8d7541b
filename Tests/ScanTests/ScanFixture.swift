import Foundation
import ZIPFoundation

/// Fake but well-shaped keys, temporary folders, generated git repositories and zip bundles for the
/// scanner's tests. No key here is real: bodies come from a fixed pseudo-random sequence.
enum ScanFixture {
    /// A body of `length` alphanumerics from `seed` (deterministic, high entropy).
    static func body(seed: UInt64, length: Int = 24) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var result = ""
        for _ in 0..<length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            result.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
        }
        return result
    }

    /// A fake key: `prefix` + a body from `seed`.
    static func key(_ prefix: String, seed: UInt64, length: Int = 24) -> String {
        prefix + body(seed: seed, length: length)
    }

    /// A new empty folder under the temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-scan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], to relative: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    static func write(_ text: String, to relative: String, in folder: URL) throws {
        try write(Array(text.utf8), to: relative, in: folder)
    }

    /// A zip archive holding `entries` (deflated).
    static func zip(_ entries: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-zip-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(
                with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](try Data(contentsOf: url))
    }

    /// Runs git in `folder` with fixed identities and dates; its standard output.
    @discardableResult
    static func git(_ arguments: [String], in folder: URL, date: Int = 1_767_225_600) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_NAME"] = "Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.com"
        environment["GIT_COMMITTER_NAME"] = "Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.com"
        environment["GIT_AUTHOR_DATE"] = "@\(date) +0000"
        environment["GIT_COMMITTER_DATE"] = "@\(date) +0000"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["HOME"] = folder.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFailure(description: "git \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct GitFailure: Error, CustomStringConvertible { var description: String }
}

/// A generated repository with keys planted where leaks hide: a file added then deleted, a renamed
/// file, an app bundle (.apk), a minified bundle, a line marked `attest:allow`, and placeholders.
struct PlantedRepository {
    let url: URL
    /// The real keys, by where they were planted.
    let deleted = ScanFixture.key("sk_live_", seed: 1)
    let renamed = ScanFixture.key("rk_live_", seed: 2)
    let bundled = ScanFixture.key("whsec_", seed: 3, length: 32)
    let minified = ScanFixture.key("sk_live_", seed: 4)
    let allowed = ScanFixture.key("sk_live_", seed: 5)
    let testKey = ScanFixture.key("sk_test_", seed: 6)
    /// Commits, oldest first.
    private(set) var commits: [String] = []
    /// Author times of the commits, oldest first.
    static let times = [1_767_225_600, 1_767_312_000, 1_767_398_400, 1_767_484_800, 1_767_571_200, 1_767_657_600]

    init() throws {
        url = try ScanFixture.temporaryFolder()
        try ScanFixture.git(["init", "-q", "-b", "main"], in: url)
        func commit(_ message: String, _ index: Int) throws {
            try ScanFixture.git(["add", "-A"], in: url, date: Self.times[index])
            try ScanFixture.git(["commit", "-q", "-m", message], in: url, date: Self.times[index])
            commits.append(try ScanFixture.git(["rev-parse", "HEAD"], in: url))
        }
        // 1: a secrets file, placeholders in docs, an allowed key, a test key.
        try ScanFixture.write("STRIPE_SECRET_KEY=\(deleted)\n", to: "config/secrets.env", in: url)
        try ScanFixture.write(
            "Set STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nor sk_live_YOUR_SECRET_KEY_GOES_HERE_123\n",
            to: "README.md", in: url)
        try ScanFixture.write(
            "const fixture = \"\(allowed)\"; // attest:allow: a test fixture\nconst test = '\(testKey)'\n",
            to: "src/fixtures.js", in: url)
        try ScanFixture.write("key: \(renamed)\n", to: "old/name.txt", in: url)
        try commit("first", 0)
        // 2: the secrets file deleted.
        try FileManager.default.removeItem(at: url.appendingPathComponent("config/secrets.env"))
        try commit("remove secrets", 1)
        // 3: a rename.
        try ScanFixture.git(["mv", "old/name.txt", "new-name.txt"], in: url)
        try commit("rename", 2)
        // 4: an app bundle with a webhook secret in its assets.
        let json = Array("{\"webhook\": \"\(bundled)\"}\n".utf8)
        let bundle = try ScanFixture.zip([
            ("AndroidManifest.xml", Array("<manifest/>".utf8)), ("assets/config.json", json),
        ])
        try ScanFixture.write(bundle, to: "app/release.apk", in: url)
        try commit("app bundle", 3)
        // 5: a minified bundle: one long line.
        var line = "!function(e){"
        for index in 0..<2000 { line += "var a\(index)=e[\(index)];" }
        line += "var k=\"\(minified)\";" + String(repeating: "e.x=1;", count: 1000) + "}();"
        try ScanFixture.write(line, to: "web/dist/app.min.js", in: url)
        try commit("minified bundle", 4)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
