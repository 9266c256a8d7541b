import Foundation

/// A request path checked for serving from the site folder: decoded, with no `.`/`..` segments,
/// no empty segments, no backslashes or NUL bytes.
struct SitePath: Hashable, Sendable {
    /// Without the leading slash and without a trailing slash; "" for the site's root.
    var relative: String
    /// The request path ended with a slash.
    var isFolder: Bool

    enum Failure: Error, Hashable, Sendable {
        /// `..` or `.` (possibly percent-encoded): answered 404, as if it did not exist.
        case traversal
        case malformed(String)
    }

    static func parse(_ raw: String) -> Result<SitePath, Failure> {
        guard raw.hasPrefix("/") else { return .failure(.malformed("the path must start with '/'")) }
        guard let decoded = raw.removingPercentEncoding else {
            return .failure(.malformed("the path has a bad percent-encoding"))
        }
        if decoded.contains("\0") || decoded.contains("\\") {
            return .failure(.malformed("the path has a forbidden character"))
        }
        let isFolder = decoded.hasSuffix("/")
        let segments = decoded.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        for (index, segment) in segments.enumerated() {
            if segment == ".." || segment == "." { return .failure(.traversal) }
            if segment.isEmpty {
                // Only a trailing slash may leave an empty last segment.
                if index == segments.count - 1 { continue }
                return .failure(.traversal)
            }
            kept.append(segment)
        }
        return .success(SitePath(relative: kept.joined(separator: "/"), isFolder: isFolder))
    }
}
