/// A policy version such as `2.1`; the first number is the major version.
///
/// A change of major version re-opens training requirements that acknowledged the policy.
public struct PolicyVersion: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The version as written.
    public var text: String
    /// The numeric components, e.g. [2, 1].
    public var components: [Int]

    /// Parses `N`, `N.N` or `N.N.N`; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), let n = Int(part), n >= 0 else { return nil }
            numbers.append(n)
        }
        self.text = text
        self.components = numbers
    }

    public var major: Int { components[0] }
    public var description: String { text }

    public static func < (a: PolicyVersion, b: PolicyVersion) -> Bool {
        a.components.lexicographicallyPrecedes(b.components)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = PolicyVersion(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "bad version '\(text)'")
        }
        self = version
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
