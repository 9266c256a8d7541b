/// `oscal-assessment-results.json`: an OSCAL 1.1.2 assessment-results document with one result, an
/// observation and a finding per control (target: the control id, status satisfied when the control
/// passed or only warned, not-satisfied when it failed). UUIDs are name-based (version 5) from the
/// policy set hash, the inputs' hashes, the as-of date and the control id, so a re-run of the same
/// audit gives the same document but for `last-modified` (the generation time).
///
/// The document is valid against the OSCAL models (the tests validate it with compliance-trestle):
/// titles are single lines (line breaks in a control's title become spaces), a target id is an OSCAL
/// token (a control id that starts with a digit gets a leading `_`: `2FA-KEYS` → `_2FA-KEYS`), input
/// paths are URI references (percent-encoded), an audit without controls has no empty lists, and
/// `import-ap` points at a back-matter resource that says what the assessment plan is.
public struct OSCALReportWriter: ReportWriter {
    /// Observations list at most this many findings each; the JSON report has them all.
    public var findingLimit: Int

    public init(findingLimit: Int = 100) { self.findingLimit = findingLimit }

    public func write(_ report: AuditReport, to output: ReportOutput) {
        let seed = ([report.asOf.description, report.policySetSHA256] + report.inputs.map(\.sha256)).joined(
            separator: "/")
        func uuid(_ name: String) -> String { DeterministicUUID.make(seed + "/" + name) }
        let start = "\(report.asOf)T00:00:00Z"
        let props: [JSONValue] =
            [
                prop("as-of", report.asOf.description), prop("policy-set-sha256", report.policySetSHA256),
                prop("tool", "attest \(report.toolVersion)"),
            ] + report.inputs.map { prop("input-sha256", "\($0.path) \($0.sha256)") }

        var observations: [JSONValue] = []
        var findings: [JSONValue] = []
        for control in report.controls {
            let observationID = uuid("observation/\(control.id)")
            let title = Self.line("\(control.id): \(control.title)")
            var description = "\(control.rule) \(control.failCount) failing and \(control.warnCount) warning findings."
            let listed = control.findings.prefix(findingLimit).map {
                "\($0.status.rawValue): \($0.subject): \($0.message)"
            }
            if !listed.isEmpty { description += "\n" + listed.joined(separator: "\n") }
            if control.findings.count > findingLimit {
                description += "\n… and \(control.findings.count - findingLimit) more (see report.json)"
            }
            var observation: [(String, JSONValue)] = [
                ("uuid", .string(observationID)),
                ("title", .string(title)),
                ("description", .string(description)),
                ("methods", .strings(["TEST"])),
                ("types", .strings(["finding"])),
                ("collected", .string(start)),
            ]
            if !report.inputs.isEmpty {
                observation.append(
                    (
                        "relevant-evidence",
                        .array(
                            report.inputs.map {
                                .object([
                                    ("href", .string(ReportText.uriReference($0.path))),
                                    (
                                        "description",
                                        .string("\($0.kind) \($0.path), SHA-256 \($0.sha256), \($0.rows) rows")
                                    ),
                                ])
                            })
                    ))
            }
            observations.append(.object(observation))
            findings.append(
                .object([
                    ("uuid", .string(uuid("finding/\(control.id)"))),
                    ("title", .string(title)),
                    ("description", .string(control.rule)),
                    (
                        "props",
                        .array([prop("severity", control.severity.rawValue), prop("policy", control.policy.id)])
                    ),
                    (
                        "target",
                        .object([
                            ("type", .string("objective-id")),
                            ("target-id", .string(Self.token(control.id))),
                            (
                                "status",
                                .object([("state", .string(control.status == .fail ? "not-satisfied" : "satisfied"))])
                            ),
                        ])
                    ),
                    ("related-observations", .array([.object([("observation-uuid", .string(observationID))])])),
                ]))
        }
        // OSCAL lists hold at least one item: an audit without controls has neither list.
        var result: [(String, JSONValue)] = [
            ("uuid", .string(uuid("result"))),
            ("title", .string("Key and training audit as of \(report.asOf)")),
            (
                "description",
                .string("Controls declared in the handbook's policies, checked by attest \(report.toolVersion).")
            ),
            ("start", .string(start)),
            ("reviewed-controls", .object([("control-selections", .array([.object([("include-all", .object([]))])]))])),
        ]
        if !observations.isEmpty { result.append(("observations", .array(observations))) }
        if !findings.isEmpty { result.append(("findings", .array(findings))) }
        let planID = uuid("assessment-plan")
        let document: JSONValue = .object([
            (
                "assessment-results",
                .object([
                    ("uuid", .string(uuid("assessment-results"))),
                    (
                        "metadata",
                        .object([
                            ("title", .string("Attest audit as of \(report.asOf)")),
                            ("last-modified", .string(report.generatedAt)),
                            ("version", .string(report.toolVersion)),
                            ("oscal-version", .string("1.1.2")),
                            ("props", .array(props)),
                        ])
                    ),
                    ("import-ap", .object([("href", .string("#\(planID)"))])),
                    ("results", .array([.object(result)])),
                    (
                        "back-matter",
                        .object([
                            (
                                "resources",
                                .array([
                                    .object([
                                        ("uuid", .string(planID)),
                                        ("title", .string("Assessment plan: the controls of the handbook's policies")),
                                        (
                                            "description",
                                            .string(
                                                "There is no separate assessment plan: attest checks the controls declared in the front matter of the handbook's policies (policy set SHA-256 \(report.policySetSHA256)), with the checks and parameters each control names."
                                            )
                                        ),
                                    ])
                                ])
                            )
                        ])
                    ),
                ])
            )
        ])
        output.write(document.rendered() + "\n")
    }

    private func prop(_ name: String, _ value: String) -> JSONValue {
        .object([("name", .string(name)), ("value", .string(Self.line(value)))])
    }

    /// `text` on one line without outer spaces (OSCAL titles and property values): every run of
    /// white space, line breaks included, becomes one space.
    static func line(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `id` as an OSCAL token (a letter or `_` first, then letters, digits, `_`, `-`, `.`): other
    /// characters become `_`, and a leading `_` is added when the first is not a letter or `_`.
    static func token(_ id: String) -> String {
        let mapped = String(
            String.UnicodeScalarView(
                id.unicodeScalars.map {
                    $0.isASCII
                        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0))
                        ? $0 : "_"
                }))
        guard let first = mapped.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else {
            return "_" + mapped
        }
        return mapped
    }
}
