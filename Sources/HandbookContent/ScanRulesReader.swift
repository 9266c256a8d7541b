import Yams

/// Reads `content/scan-rules.yml`: a mapping with `rules:`, a list of custom secret shapes.
///
/// ```yaml
/// rules:
///   - id: acme-api-token        # lower case letters, digits and -
///     title: Acme API token
///     severity: high            # info | low | medium | high
///     prefix: acme_             # at least 3 characters, no spaces
///     alphabet: a-f0-9          # the body's bytes (ASCII; a-z is a range)
///     min_length: 32            # the body's length, 8…1024
///     max_length: 32            # default: min_length
///     min_entropy: 3.0          # optional, bits per byte (0…8)
/// ```
public enum ScanRulesReader {
    /// Where the file lives under the root.
    public static let relativePath = "content/scan-rules.yml"

    static let severities = ["info", "low", "medium", "high"]
    static let ruleKeys = ["id", "title", "severity", "prefix", "alphabet", "min_length", "max_length", "min_entropy"]

    /// The rules of `text` (shown as `path`), with every problem as an error at its line and column.
    public static func read(text: String, path: String) -> (rules: [ScanRuleDefinition], diagnostics: [Diagnostic]) {
        let (parsed, parseDiagnostics) = YAMLFields.parse(yaml: text, path: path, firstLine: 1)
        guard var fields = parsed else { return ([], parseDiagnostics) }
        var diagnostics = parseDiagnostics
        var rules: [ScanRuleDefinition] = []
        for entry in fields.entries where entry.key != "rules" {
            diagnostics.append(
                .error("unknown key '\(entry.key)'; the file holds one key, 'rules'", at: fields.locate(entry.keyNode)))
        }
        guard let list = fields.value("rules") else {
            fields.reportMissing("rules", what: "a list of rules")
            return ([], diagnostics + fields.diagnostics)
        }
        guard case .sequence(let items) = list else {
            diagnostics.append(
                .error("'rules' must be a list of rules, got \(YAMLFields.describe(list))", at: fields.locate(list)))
            return ([], diagnostics + fields.diagnostics)
        }
        var seen: [String: SourceLocation] = [:]
        for item in items {
            let location = fields.locate(item)
            guard case .mapping(let mapping) = item else {
                diagnostics.append(
                    .error(
                        "a rule must be a mapping of 'key: value' lines, got \(YAMLFields.describe(item))", at: location
                    ))
                continue
            }
            var rule = YAMLFields(path: path, lineOffset: 0, mapping: mapping, at: location)
            for entry in rule.entries where !ruleKeys.contains(entry.key) {
                rule.error(
                    "unknown key '\(entry.key)' in a rule; known keys: \(ruleKeys.joined(separator: ", "))",
                    at: rule.locate(entry.keyNode))
            }
            let id = rule.string(
                "id", required: true, what: "lower case letters, digits and '-'",
                validate: {
                    !$0.isEmpty
                        && $0.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
                })
            let title = rule.string("title", required: true, what: "text")
            let severity = rule.string(
                "severity", required: true, what: "one of \(severities.joined(separator: ", "))",
                validate: { severities.contains($0) })
            let prefix = rule.string(
                "prefix", required: true, what: "at least 3 printable ASCII characters without spaces",
                validate: { $0.utf8.count >= 3 && $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } })
            let alphabet = rule.string(
                "alphabet", required: true, what: "printable ASCII characters (a-z is a range)",
                validate: { !$0.isEmpty && $0.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } })
            let minLength = rule.integer("min_length", required: true, in: 8...1024, what: "a whole number")
            let maxLength = rule.integer("max_length", in: 8...1024, what: "a whole number")
            var entropy: Double?
            if let node = rule.value("min_entropy") {
                if case .scalar(let scalar) = node, scalar.style == .plain, let value = Double(scalar.string),
                    value >= 0, value <= 8
                {
                    entropy = value
                } else {
                    rule.error(
                        "'min_entropy' must be a number of bits per byte between 0 and 8, got \(YAMLFields.describe(node))",
                        at: rule.locate(node))
                }
            }
            if let minLength, let maxLength, maxLength < minLength {
                rule.error(
                    "'max_length' (\(maxLength)) is less than 'min_length' (\(minLength))",
                    at: rule.valueLocation("max_length"))
            }
            let idLocation = rule.valueLocation("id")
            if let id {
                if let first = seen[id] {
                    rule.error("rule id '\(id)' is used twice (first at line \(first.line))", at: idLocation)
                } else {
                    seen[id] = idLocation
                }
            }
            let ruleDiagnostics = rule.diagnostics
            diagnostics += ruleDiagnostics
            guard !ruleDiagnostics.hasErrors, let id, let title, let severity, let prefix, let alphabet, let minLength
            else { continue }
            rules.append(
                ScanRuleDefinition(
                    id: id, title: title, severity: severity, prefix: prefix, alphabet: alphabet, minLength: minLength,
                    maxLength: maxLength ?? minLength, minimumEntropy: entropy, location: idLocation))
        }
        return (rules, diagnostics + fields.diagnostics)
    }
}
