import Yams

/// Reads a policy: `content/policies/**/*.md`, YAML front matter then Markdown.
///
/// Required fields: `id` (slug), `title`, `owner` (email), `version` (e.g. `2.1`), `last_reviewed`
/// (`YYYY-MM-DD`), `review_every_days` (positive). Optional: `summary`, `draft`, `tags`, `frameworks`,
/// `acknowledge` (true: people must accept it), `acknowledge_audience` (roster groups; default
/// everyone), `acknowledge_within_days` (default 30), `controls` (a list of `{id, check, title, severity, params, frameworks, remediation}`, params
/// validated against ``ControlCatalogue``). Every problem is reported at its file line and column.
public enum PolicyReader {
    /// What reading one policy file gives.
    public struct Output: Sendable {
        /// Nil when the file has errors.
        public var policy: Policy?
        public var diagnostics: [Diagnostic]
        /// The id as written, when valid, even if other fields have errors (for cross-checks).
        public var id: String?
        /// Where `id` is written, for duplicate-id errors.
        public var idLocation: SourceLocation?
        /// Quiz ids named by controls' `quizzes` parameters, checked by the loader.
        public var quizReferences: [ContentReference]
        /// Policy ids named by controls' `policies` parameters (acceptance), checked by the loader.
        public var policyReferences: [ContentReference] = []
        /// The groups in `acknowledge_audience`, checked by the loader against the roster.
        public var audienceReferences: [ContentReference] = []
    }

    /// The front matter keys a policy understands; others are warnings.
    public static let knownKeys = [
        "id", "title", "owner", "version", "last_reviewed", "review_every_days", "summary", "draft", "tags",
        "frameworks", "controls", "acknowledge", "acknowledge_audience", "acknowledge_within_days",
    ]
    /// The keys of a `controls:` entry; others are warnings.
    public static let knownControlKeys = ["id", "check", "title", "severity", "params", "frameworks", "remediation"]

    /// Reads `file`, whose path is relative to the root (`content/policies/…`); the section is the
    /// folder under `policies/`.
    public static func read(_ file: SourceFile) -> Output {
        var output = Output(policy: nil, diagnostics: [], id: nil, idLocation: nil, quizReferences: [])
        let (parsed, parseDiagnostics) = YAMLFields.requiredFrontMatter(
            of: file, kind: "a policy", requiredFields: "id, title, owner, version, last_reviewed, review_every_days")
        output.diagnostics += parseDiagnostics
        guard let (frontMatter, parsedFields) = parsed else { return output }
        var fields = parsedFields
        fields.warnUnknownKeys(knownKeys, in: "policy front matter")

        let id = fields.string(
            "id", required: true, what: "a slug of lowercase letters, digits and '-'", validate: Slug.isValid)
        if let entry = fields.entry("id") { output.idLocation = fields.locate(entry.value) }
        output.id = id
        let title = fields.string("title", required: true, what: "the policy's title")
        let owner = fields.string(
            "owner", required: true, what: "the owner's email address", validate: EmailAddress.isValid)
        let versionText = fields.string(
            "version", required: true, what: "a version like 2.1 (numbers separated by dots)",
            validate: { PolicyVersion($0) != nil })
        let lastReviewed = fields.date("last_reviewed", required: true)
        let reviewEveryDays = fields.integer(
            "review_every_days", required: true, in: 1...36_500, what: "a whole number of days")
        let summary = fields.string("summary")
        let draft = fields.boolean("draft") ?? false
        let tags = fields.stringList("tags", what: "a list of tags")?.map(\.text) ?? []
        let frameworks = fields.stringList("frameworks", what: "a list of framework references")?.map(\.text) ?? []
        let acknowledgeValue = fields.boolean("acknowledge")
        let acknowledge = acknowledgeValue ?? false
        let audience = fields.stringList("acknowledge_audience", what: "a list of roster groups") ?? []
        output.audienceReferences = audience.map { ContentReference(name: $0.text, location: $0.location) }
        let acknowledgeDays = fields.integer(
            "acknowledge_within_days", required: false, in: 0...36_500, what: "a whole number of days")
        // (An invalid `acknowledge` has its own error.)
        if acknowledgeValue == false || fields.entry("acknowledge") == nil,
            let entry = fields.entry("acknowledge_audience") ?? fields.entry("acknowledge_within_days")
        {
            fields.diagnostics.append(
                .warning("'\(entry.key)' has no effect without 'acknowledge: true'", at: fields.locate(entry.value)))
        }
        let controls = readControls(
            &fields, policyID: id ?? "", references: &output.quizReferences, policies: &output.policyReferences)

        output.diagnostics += fields.diagnostics
        guard let id, let title, let owner, let versionText, let version = PolicyVersion(versionText),
            let lastReviewed, let reviewEveryDays, !output.diagnostics.hasErrors
        else { return output }
        output.policy = Policy(
            id: id, title: title, owner: owner, version: version, lastReviewed: lastReviewed,
            reviewEveryDays: reviewEveryDays, summary: summary, draft: draft, tags: tags, frameworks: frameworks,
            controls: controls, section: section(of: file.path), sourcePath: file.path, body: frontMatter.body,
            bodyStartLine: frontMatter.bodyStartLine, sourceSHA256: file.sha256, acknowledge: acknowledge,
            acknowledgeAudience: audience.map(\.text), acknowledgeWithinDays: acknowledgeDays ?? 30)
        return output
    }

    /// The folder under `policies/`: `keys` for `content/policies/keys/rotation.md`, "" at the top.
    public static func section(of path: String) -> String {
        var components = path.split(separator: "/").map(String.init)
        if let index = components.firstIndex(of: "policies") { components.removeFirst(index + 1) }
        return components.dropLast().joined(separator: "/")
    }

    private static func readControls(
        _ fields: inout YAMLFields, policyID: String, references: inout [ContentReference],
        policies: inout [ContentReference]
    ) -> [Control] {
        guard let node = fields.value("controls") else { return [] }
        guard case .sequence(let sequence) = node else {
            fields.error(
                "'controls' must be a list of controls (each '- id: …' with check, title, severity, params), got \(YAMLFields.describe(node))",
                at: fields.locate(node))
            return []
        }
        var controls: [Control] = []
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                fields.error(
                    "each control must be a mapping with id, check, title and severity, got \(YAMLFields.describe(item))",
                    at: fields.locate(item))
                continue
            }
            var entry = YAMLFields(
                path: fields.path, lineOffset: fields.lineOffset, mapping: mapping, at: fields.locate(item))
            if let control = readControl(&entry, policyID: policyID, references: &references, policies: &policies) {
                controls.append(control)
            }
            fields.diagnostics += entry.diagnostics
        }
        return controls
    }

    private static func readControl(
        _ entry: inout YAMLFields, policyID: String, references: inout [ContentReference],
        policies: inout [ContentReference]
    ) -> Control? {
        entry.warnUnknownKeys(knownControlKeys, in: "a control")
        let errorsBefore = entry.diagnostics.count { $0.severity == .error }
        let id = entry.string(
            "id", required: true, what: "a control id of letters, digits, '-' and '_' (e.g. KEY-ROTATION)",
            validate: isControlID)
        let check = entry.string("check", required: true, what: "a check name")
        let title = entry.string("title", required: true, what: "the control's title")
        var severity: ControlSeverity?
        if let text = entry.string("severity", required: true, what: "high, medium or low") {
            severity = ControlSeverity(rawValue: text)
            if severity == nil {
                entry.error(
                    "'severity' must be high, medium or low, got '\(text)'", at: entry.valueLocation("severity"))
            }
        }
        let frameworks = entry.stringList("frameworks", what: "a list of framework references")?.map(\.text) ?? []
        let remediation = entry.string("remediation")
        let (params, paramLocations) = readParams(&entry)

        if let check {
            let checkLocation = entry.valueLocation("check")
            let known = ControlCatalogue.checks[check] != nil
            for problem in ControlCatalogue.problems(check: check, params: params) {
                let location =
                    problem.parameter.flatMap { paramLocations[$0]?.key } ?? (known ? entry.location : checkLocation)
                entry.error("control '\(id ?? "?")': \(problem.message)", at: location)
            }
            if let quizzes = ControlCatalogue.checks[check]?.parameter("quizzes"), params[quizzes.name] != nil {
                references += paramLocations[quizzes.name]?.items ?? []
            }
            if ControlCatalogue.checks[check]?.parameter("policies") != nil, params["policies"] != nil {
                policies += paramLocations["policies"]?.items ?? []
            }
        }
        let errorsAfter = entry.diagnostics.count { $0.severity == .error }
        guard let id, let check, let title, let severity, errorsAfter == errorsBefore else { return nil }
        return Control(
            id: id, check: check, title: title, severity: severity, params: params, frameworks: frameworks,
            remediation: remediation, policyID: policyID, location: entry.location)
    }

    /// `params`: whole numbers, text, true/false and lists of text become ``ParameterValue``s.
    private static func readParams(_ entry: inout YAMLFields)
        -> ([String: ParameterValue], [String: (key: SourceLocation, items: [ContentReference])])
    {
        guard let node = entry.value("params") else { return ([:], [:]) }
        guard case .mapping(let mapping) = node else {
            entry.error(
                "'params' must be a mapping of parameter names to values, got \(YAMLFields.describe(node))",
                at: entry.locate(node))
            return ([:], [:])
        }
        var params: [String: ParameterValue] = [:]
        var locations: [String: (key: SourceLocation, items: [ContentReference])] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                entry.error(
                    "parameter names must be plain names, got \(YAMLFields.describe(keyNode))",
                    at: entry.locate(keyNode))
                continue
            }
            let name = key.string
            let keyLocation = entry.locate(keyNode)
            switch value {
            case .scalar(let scalar) where YAMLFields.isNull(value):
                _ = scalar
                entry.error("parameter '\(name)' has no value", at: keyLocation)
            case .scalar(let scalar):
                if scalar.style == .plain, let number = Int(scalar.string) {
                    params[name] = .integer(number)
                } else if let flag = YAMLFields.boolean(value) {
                    params[name] = .boolean(flag)
                } else {
                    params[name] = .string(scalar.string)
                }
                locations[name] = (keyLocation, [ContentReference(name: scalar.string, location: entry.locate(value))])
            case .sequence(let sequence):
                var items: [String] = []
                var references: [ContentReference] = []
                for item in sequence {
                    guard case .scalar(let scalar) = item, !YAMLFields.isNull(item) else {
                        entry.error(
                            "parameter '\(name)' must be a list of names; this item is \(YAMLFields.describe(item))",
                            at: entry.locate(item))
                        continue
                    }
                    items.append(scalar.string)
                    references.append(ContentReference(name: scalar.string, location: entry.locate(item)))
                }
                params[name] = .list(items)
                locations[name] = (keyLocation, references)
            default:
                entry.error(
                    "parameter '\(name)' must be a number, text, true/false or a list of names, got \(YAMLFields.describe(value))",
                    at: entry.locate(value))
            }
        }
        return (params, locations)
    }

    /// Control ids: letters, digits, `-` and `_`, starting with a letter or digit (no dots, so that
    /// `{{ controls.ID.param }}` can name them).
    static func isControlID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
        }
    }
}
