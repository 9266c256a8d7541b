import Foundation

/// Every file and folder under a directory, with each file's bytes: two snapshots are equal only
/// if nothing was written, created, removed or changed in between.
struct TreeSnapshot: Equatable, Sendable {
    /// Relative path → content (nil for a folder).
    var entries: [String: Data?]

    init(of root: URL) {
        var entries: [String: Data?] = [:]
        let fileManager = FileManager.default
        if let enumerator = fileManager.enumerator(atPath: root.path) {
            while let relative = enumerator.nextObject() as? String {
                let url = root.appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                _ = fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory)
                entries[relative] = isDirectory.boolValue ? .some(nil) : .some(try? Data(contentsOf: url))
            }
        }
        self.entries = entries
    }

    /// What differs from `other`, for a readable test failure.
    func differences(from other: TreeSnapshot) -> [String] {
        var result: [String] = []
        for key in Set(entries.keys).union(other.entries.keys).sorted() {
            switch (other.entries[key], entries[key]) {
            case (nil, _?): result.append("added \(key)")
            case (_?, nil): result.append("removed \(key)")
            case (let before?, let after?) where before != after: result.append("changed \(key)")
            default: break
            }
        }
        return result
    }
}
