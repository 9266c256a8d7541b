import HandbookContent

/// A JSON value with ordered object keys, rendered pretty (two-space indent) and byte-stable.
/// Reports stream their big arrays by rendering one element at a time; the findings of the JSON
/// report, by the million, are written as bytes by ``JSONReportWriter/render(_:into:)``.
enum JSONValue {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case null

    /// A string, or null when nil.
    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    /// A control parameter or evidence value.
    init(_ value: ParameterValue) {
        switch value {
        case .integer(let n): self = .integer(n)
        case .string(let s): self = .string(s)
        case .boolean(let b): self = .boolean(b)
        case .list(let items): self = .strings(items)
        }
    }

    /// Params or evidence as an object; `sorted` orders keys by name.
    static func parameters(_ pairs: [(name: String, value: ParameterValue)], sorted: Bool = false) -> JSONValue {
        let ordered = sorted ? pairs.sorted { $0.name < $1.name } : pairs
        return .object(ordered.map { ($0.name, JSONValue($0.value)) })
    }

    /// The value rendered with its nested lines indented `level` steps.
    func rendered(level: Int = 0) -> String {
        var text = ""
        render(into: &text, level: level)
        return text
    }

    func render(into text: inout String, level: Int) {
        switch self {
        case .string(let s): Self.quote(s, into: &text)
        case .integer(let n): text += String(n)
        case .boolean(let b): text += b ? "true" : "false"
        case .null: text += "null"
        case .array(let items):
            guard !items.isEmpty else {
                text += "[]"
                return
            }
            text += "[\n"
            for (index, item) in items.enumerated() {
                Self.indent(level + 1, into: &text)
                item.render(into: &text, level: level + 1)
                text += index == items.count - 1 ? "\n" : ",\n"
            }
            Self.indent(level, into: &text)
            text += "]"
        case .object(let pairs):
            guard !pairs.isEmpty else {
                text += "{}"
                return
            }
            text += "{\n"
            Self.renderMembers(pairs, into: &text, level: level + 1)
            text += "\n"
            Self.indent(level, into: &text)
            text += "}"
        }
    }

    /// `"key": value` lines at `level`, separated by commas, without braces or a final newline.
    static func renderMembers(_ pairs: [(String, JSONValue)], into text: inout String, level: Int) {
        for (index, (key, value)) in pairs.enumerated() {
            indent(level, into: &text)
            quote(key, into: &text)
            text += ": "
            value.render(into: &text, level: level)
            if index < pairs.count - 1 { text += ",\n" }
        }
    }

    static func indent(_ level: Int, into text: inout String) {
        text += level < indents.count ? indents[level] : String(repeating: "  ", count: level)
    }

    /// Indentation by level, made once: every line of a report needs one.
    private static let indents = (0..<16).map { String(repeating: "  ", count: $0) }

    /// `s` as a JSON string literal.
    static func quote(_ s: String, into text: inout String) {
        text += JSONStringLiteral.quoted(s)
    }
}
