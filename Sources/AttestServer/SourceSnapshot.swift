import Foundation

/// The size and modification time of every file under some folders: two snapshots tell which files
/// changed, appeared or disappeared (for `--watch`).
public struct SourceSnapshot: Hashable, Sendable {
    struct Stamp: Hashable, Sendable {
        var size: Int
        var modified: Double
    }

    /// Path (as found under the watched folders) → stamp.
    var stamps: [String: Stamp]

    /// Takes a snapshot of the files under `paths` (folders, walked recursively, or single files);
    /// missing paths and dot files are left out.
    public init(paths: [String]) {
        var stamps: [String: Stamp] = [:]
        let manager = FileManager.default
        for root in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: root, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                if let stamp = Self.stamp(root) { stamps[root] = stamp }
                continue
            }
            guard let enumerator = manager.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                let path = (root as NSString).appendingPathComponent(relative)
                if let stamp = Self.stamp(path) { stamps[path] = stamp }
            }
        }
        self.stamps = stamps
    }

    private static func stamp(_ path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return nil }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return Stamp(size: size, modified: modified)
    }

    /// The files that differ between `self` and `later`: changed, added or removed, sorted.
    public func changes(to later: SourceSnapshot) -> [String] {
        var changed: Set<String> = []
        for (path, stamp) in later.stamps where stamps[path] != stamp { changed.insert(path) }
        for path in stamps.keys where later.stamps[path] == nil { changed.insert(path) }
        return changed.sorted()
    }
}
