/// A control parameter's value as written in front matter.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case string(String)
    case boolean(Bool)
    case list([String])

    /// How the value reads in prose: `90`, `kms`, `true`, `kms, vault`.
    public var description: String {
        switch self {
        case .integer(let n): String(n)
        case .string(let s): s
        case .boolean(let b): b ? "true" : "false"
        case .list(let items): items.joined(separator: ", ")
        }
    }

    public var integerValue: Int? {
        if case .integer(let n) = self { return n }
        return nil
    }

    /// A list as such, or a single string as a one-element list.
    public var listValue: [String]? {
        switch self {
        case .list(let items): items
        case .string(let s): [s]
        default: nil
        }
    }
}
