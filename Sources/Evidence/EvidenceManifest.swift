import Audit
import Foundation
import HandbookContent

/// `manifest.json`: every file's SHA-256 and size, the tool version and the inputs' SHA-256s.
/// Written with sorted paths and no time, so the same package gives the same bytes.
public struct EvidenceManifest: Hashable, Sendable {
    /// One file listed in the manifest.
    public struct Entry: Hashable, Sendable {
        public var path: String
        public var sha256: String
        public var size: Int
    }

    /// The file name of the manifest at the package's top.
    public static let fileName = "manifest.json"

    public var toolVersion: String
    public var inputs: [EvidenceInput]
    public var files: [Entry]

    /// The manifest of `files` (which must not include the manifest itself).
    public init(files: [EvidenceFile], toolVersion: String, inputs: [EvidenceInput]) {
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.files = files.map { Entry(path: $0.path, sha256: FileDigest.sha256(of: $0.bytes), size: $0.bytes.count) }
            .sorted { $0.path < $1.path }
    }

    /// The manifest's JSON text.
    public var json: String {
        var bytes: [UInt8] = []
        func string(_ text: String) { JSONStringLiteral.append(text, to: &bytes) }
        func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }
        raw("{\n  \"format\": \"attest-evidence/1\",\n  \"tool_version\": ")
        string(toolVersion)
        raw(",\n  \"inputs\": [")
        for (index, input) in inputs.enumerated() {
            raw(index == 0 ? "\n    {\"kind\": " : ",\n    {\"kind\": ")
            string(input.kind)
            raw(", \"path\": ")
            string(input.path)
            raw(", \"sha256\": ")
            string(input.sha256)
            raw("}")
        }
        raw(inputs.isEmpty ? "],\n  \"files\": [" : "\n  ],\n  \"files\": [")
        for (index, file) in files.enumerated() {
            raw(index == 0 ? "\n    {\"path\": " : ",\n    {\"path\": ")
            string(file.path)
            raw(", \"sha256\": ")
            string(file.sha256)
            raw(", \"size\": \(file.size)}")
        }
        raw(files.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the `files` list back from a manifest's JSON; nil when it is not a manifest.
    public static func parseFiles(_ data: [UInt8]) -> [Entry]? {
        guard
            let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
            let list = object["files"] as? [[String: Any]]
        else { return nil }
        var entries: [Entry] = []
        for item in list {
            guard let path = item["path"] as? String, let sha256 = item["sha256"] as? String,
                let size = item["size"] as? Int
            else { return nil }
            entries.append(Entry(path: path, sha256: sha256, size: size))
        }
        return entries
    }
}
