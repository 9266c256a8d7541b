import Yams

/// Typed, located access to a YAML mapping (front matter, `handbook.yml`, a control entry).
///
/// Every accessor appends a diagnostic at the exact file line and column when a field is missing or
/// mistyped, and returns nil, so a reader reports every problem of a file in one pass.
struct YAMLFields {
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    let path: String
    /// Added to a YAML line to give the file line.
    let lineOffset: Int
    /// Where the mapping starts.
    let location: SourceLocation
    private(set) var entries: [Entry] = []
    var diagnostics: [Diagnostic] = []

    /// Parses `yaml`, whose first line is file line `firstLine`. Nil (with diagnostics) when it is not
    /// valid YAML or not a mapping; an empty document is an empty mapping. Problems found later are
    /// collected in the fields' own `diagnostics`.
    static func parse(yaml: String, path: String, firstLine: Int) -> (fields: YAMLFields?, diagnostics: [Diagnostic]) {
        let offset = firstLine - 1
        let root: Node?
        do {
            // Fields are read from scalars' text and style, never from resolved tags: the basic
            // resolver spares a regular expression per key (Yams resolves every key's tag to check
            // for duplicates). The encoding is named: Yams's default reads the process environment
            // on every call. Both were a visible share of loading 10,000 pages.
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, path: path, lineOffset: offset, yaml: yaml)])
        } catch {
            return (nil, [.error("invalid YAML: \(error)", at: SourceLocation(path: path, line: firstLine))])
        }
        guard let root else {
            return (
                YAMLFields(
                    path: path, lineOffset: offset, mapping: nil, at: SourceLocation(path: path, line: firstLine)), []
            )
        }
        let location = locate(root, path: path, lineOffset: offset) ?? SourceLocation(path: path, line: firstLine)
        if isNull(root) {
            return (YAMLFields(path: path, lineOffset: offset, mapping: nil, at: location), [])
        }
        guard case .mapping(let mapping) = root else {
            return (nil, [.error("expected a mapping of 'key: value' lines, got \(describe(root))", at: location)])
        }
        return (YAMLFields(path: path, lineOffset: offset, mapping: mapping, at: location), [])
    }

    /// Fields of a nested mapping, located in the same file.
    init(path: String, lineOffset: Int, mapping: Node.Mapping?, at location: SourceLocation) {
        self.path = path
        self.lineOffset = lineOffset
        self.location = location
        for (keyNode, value) in mapping ?? [:] {
            guard case .scalar(let scalar) = keyNode else {
                diagnostics.append(
                    .error("keys must be plain names, got \(Self.describe(keyNode))", at: locate(keyNode)))
                continue
            }
            entries.append(Entry(key: scalar.string, keyNode: keyNode, value: value))
        }
    }

    // MARK: - Locations

    static func locate(_ node: Node, path: String, lineOffset: Int) -> SourceLocation? {
        node.mark.map { SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column) }
    }

    /// Where `node` is in the file (the mapping's start when the node has no mark).
    func locate(_ node: Node) -> SourceLocation {
        Self.locate(node, path: path, lineOffset: lineOffset) ?? location
    }

    /// The entry for `key`.
    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    /// Where `key` is written (the mapping's start when absent).
    func keyLocation(_ key: String) -> SourceLocation { entry(key).map { locate($0.keyNode) } ?? location }

    /// Where the value of `key` is written (the mapping's start when absent).
    func valueLocation(_ key: String) -> SourceLocation { entry(key).map { locate($0.value) } ?? location }

    /// The value of `key`, nil when absent or null (`key:` with nothing after it).
    func value(_ key: String) -> Node? {
        guard let value = entry(key)?.value, !Self.isNull(value) else { return nil }
        return value
    }

    // MARK: - Typed accessors

    mutating func error(_ message: String, at location: SourceLocation) {
        diagnostics.append(.error(message, at: location))
    }

    /// A missing required field.
    mutating func reportMissing(_ key: String, what: String) {
        if let entry = entry(key) {
            error("'\(key)' has no value; expected \(what)", at: locate(entry.keyNode))
        } else {
            error("missing required field '\(key)' (\(what))", at: location)
        }
    }

    /// A scalar as text. `what` describes the expected value in messages.
    mutating func string(_ key: String, required: Bool = false, what: String = "text") -> String? {
        guard let node = value(key) else {
            if required { reportMissing(key, what: what) }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            error("'\(key)' must be \(what), got \(Self.describe(node))", at: locate(node))
            return nil
        }
        return scalar.string
    }

    /// A scalar checked by `validate`, which returns nil when valid or the reason it is not.
    mutating func string(
        _ key: String, required: Bool = false, what: String, validate: (String) -> Bool
    ) -> String? {
        guard let text = string(key, required: required, what: what) else { return nil }
        guard validate(text) else {
            error("'\(key)' must be \(what), got '\(text)'", at: valueLocation(key))
            return nil
        }
        return text
    }

    /// A whole number in `range`.
    mutating func integer(
        _ key: String, required: Bool = false, in range: ClosedRange<Int>, what: String
    ) -> Int? {
        guard let node = value(key) else {
            if required { reportMissing(key, what: what) }
            return nil
        }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let number = Int(scalar.string) else {
            var got = Self.describe(node)
            if case .scalar(let scalar) = node, scalar.style != .plain, Int(scalar.string) != nil {
                got = "the quoted text \(got) (remove the quotes)"
            }
            error("'\(key)' must be \(what), got \(got)", at: locate(node))
            return nil
        }
        guard range.contains(number) else {
            let bounds =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)" : "between \(range.lowerBound) and \(range.upperBound)"
            error("'\(key)' must be \(bounds), got \(number)", at: locate(node))
            return nil
        }
        return number
    }

    /// `true` or `false`.
    mutating func boolean(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let flag = Self.boolean(node) else {
            error("'\(key)' must be true or false, got \(Self.describe(node))", at: locate(node))
            return nil
        }
        return flag
    }

    /// A list of text items (a single text value counts as a one-item list), each with its location.
    mutating func stringList(_ key: String, required: Bool = false, what: String = "a list of names")
        -> [(text: String, location: SourceLocation)]?
    {
        guard let node = value(key) else {
            if required { reportMissing(key, what: what) }
            return nil
        }
        switch node {
        case .scalar(let scalar):
            return [(scalar.string, locate(node))]
        case .sequence(let sequence):
            var items: [(String, SourceLocation)] = []
            for item in sequence {
                guard case .scalar(let scalar) = item, !Self.isNull(item) else {
                    error("'\(key)' must be \(what); this item is \(Self.describe(item))", at: locate(item))
                    continue
                }
                items.append((scalar.string, locate(item)))
            }
            return items
        default:
            error("'\(key)' must be \(what), got \(Self.describe(node))", at: locate(node))
            return nil
        }
    }

    /// A nested mapping's fields, located in the same file; nil (with an error) when `key` holds
    /// something else, nil without one when it is absent.
    mutating func mapping(_ key: String, what: String) -> YAMLFields? {
        guard let node = value(key) else { return nil }
        guard case .mapping(let mapping) = node else {
            error("'\(key)' must be \(what), got \(Self.describe(node))", at: locate(node))
            return nil
        }
        return YAMLFields(path: path, lineOffset: lineOffset, mapping: mapping, at: locate(node))
    }

    /// A date written `YYYY-MM-DD`.
    mutating func date(_ key: String, required: Bool = false) -> CalendarDate? {
        let what = "a date YYYY-MM-DD"
        guard let text = string(key, required: required, what: what) else { return nil }
        guard text.utf8.count == 10, let date = CalendarDate(parsing: text) else {
            error("'\(key)' must be \(what), got '\(text)'", at: valueLocation(key))
            return nil
        }
        return date
    }

    /// A warning for each key not in `known`.
    mutating func warnUnknownKeys(_ known: [String], in what: String) {
        for entry in entries where !known.contains(entry.key) {
            diagnostics.append(
                .warning(
                    "unknown key '\(entry.key)' in \(what), ignored; known keys: \(known.joined(separator: ", "))",
                    at: locate(entry.keyNode)))
        }
    }

    // MARK: - Node helpers

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain,
            ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        {
            return true
        }
        return false
    }

    static func boolean(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// How a node reads in a message: `'soon'`, `a list`, `a mapping`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): isNull(node) ? "nothing" : "'\(scalar.string)'"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .alias: "an alias"
        }
    }

    static func diagnostic(for error: YamlError, path: String, lineOffset: Int, yaml: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // At the end of the YAML (an unclosed quote or bracket), the place that opened it helps more.
            let lineCount = yaml.split(separator: "\n", omittingEmptySubsequences: false).count
            if let context, mark.line >= lineCount, context.mark.line < mark.line {
                return .error("invalid YAML: \(problem) (\(context.text), which starts here)", at: at(context.mark))
            }
            let while_ = context.map { " (\($0.text) at line \($0.mark.line + lineOffset))" } ?? ""
            return .error("invalid YAML: \(problem)\(while_)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the first occurrence of the first duplicated key.
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return .error("key \(keys) is written more than once in this mapping (first here)", at: at(context.mark))
        case .reader(let problem, _, _, _):
            return .error("invalid YAML: \(problem)", at: SourceLocation(path: path, line: 1 + lineOffset))
        default:
            return .error("invalid YAML: \(error)", at: SourceLocation(path: path, line: 1 + lineOffset))
        }
    }
}
