/// `oscal-assessment-results.json`: an OSCAL 1.1.2 assessment-results document with one result, an
/// observation and a finding per control (target: the control id, status satisfied when the control
/// passed or only warned, not-satisfied when it failed). UUIDs are name-based (version 5) from the
/// policy set hash, the inputs' hashes, the as-of date and the control id, so a re-run of the same
/// audit gives the same document but for `last-modified` (the generation time).
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
                ("title", .string("\(control.id): \(control.title)")),
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
                                    ("href", .string($0.path)),
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
                    ("title", .string("\(control.id): \(control.title)")),
                    ("description", .string(control.rule)),
                    (
                        "props",
                        .array([prop("severity", control.severity.rawValue), prop("policy", control.policy.id)])
                    ),
                    (
                        "target",
                        .object([
                            ("type", .string("objective-id")),
                            ("target-id", .string(control.id)),
                            (
                                "status",
                                .object([("state", .string(control.status == .fail ? "not-satisfied" : "satisfied"))])
                            ),
                        ])
                    ),
                    ("related-observations", .array([.object([("observation-uuid", .string(observationID))])])),
                ]))
        }
        let result: JSONValue = .object([
            ("uuid", .string(uuid("result"))),
            ("title", .string("Key and training audit as of \(report.asOf)")),
            (
                "description",
                .string("Controls declared in the handbook's policies, checked by attest \(report.toolVersion).")
            ),
            ("start", .string(start)),
            ("reviewed-controls", .object([("control-selections", .array([.object([("include-all", .object([]))])]))])),
            ("observations", .array(observations)),
            ("findings", .array(findings)),
        ])
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
                    ("import-ap", .object([("href", .string("#attest-assessment-plan"))])),
                    ("results", .array([result])),
                ])
            )
        ])
        output.write(document.rendered() + "\n")
    }

    private func prop(_ name: String, _ value: String) -> JSONValue {
        .object([("name", .string(name)), ("value", .string(value))])
    }
}
