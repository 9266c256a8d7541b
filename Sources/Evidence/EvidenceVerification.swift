import Audit

/// What `attest evidence verify` found: files whose bytes differ from the manifest, files not in
/// it, and files it lists that are missing.
public struct EvidenceVerification: Hashable, Sendable {
    public var changed: [String]
    public var added: [String]
    public var removed: [String]

    public var isIntact: Bool { changed.isEmpty && added.isEmpty && removed.isEmpty }

    /// Compares `files` (the package as found, the manifest excluded) with the manifest's `entries`.
    public static func compare(files: [EvidenceFile], entries: [EvidenceManifest.Entry]) -> EvidenceVerification {
        let expected = Dictionary(entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var found: Set<String> = []
        var result = EvidenceVerification(changed: [], added: [], removed: [])
        for file in files.sorted(by: { $0.path < $1.path }) {
            found.insert(file.path)
            guard let entry = expected[file.path] else {
                result.added.append(file.path)
                continue
            }
            if entry.size != file.bytes.count || entry.sha256 != FileDigest.sha256(of: file.bytes) {
                result.changed.append(file.path)
            }
        }
        result.removed = entries.map(\.path).filter { !found.contains($0) }.sorted()
        return result
    }
}
