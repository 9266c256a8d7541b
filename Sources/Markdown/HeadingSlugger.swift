/// Turns heading text into ids the way GitHub does, so anchors written for GitHub resolve.
///
/// Lowercase; keep letters, digits, `-`, `_` and spaces; spaces become `-`; a repeated
/// slug gets `-1`, `-2`… in order of appearance.
public struct HeadingSlugger: Sendable {
    private var seen: [String: Int] = [:]

    public init() {}

    /// The slug for `text`, numbered if an earlier heading had the same one.
    public mutating func slug(for text: String) -> String {
        let base = Self.baseSlug(text)
        guard let count = seen[base] else {
            seen[base] = 0
            return base
        }
        var n = count + 1
        while seen["\(base)-\(n)"] != nil { n += 1 }
        seen[base] = n
        let slug = "\(base)-\(n)"
        seen[slug] = 0
        return slug
    }

    /// GitHub's slug for `text`, without duplicate numbering.
    public static func baseSlug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                result.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
            {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
