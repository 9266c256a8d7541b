import HandbookContent

/// `report.json`, format version 1 (documented in the README): the run, its targets, the rules,
/// and one finding a line. Never a secret: each finding carries the redacted form and the SHA-256.
enum ScanJSONWriter {
    static func render(_ report: ScanReport) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024 + report.findings.count * 512)
        func raw(_ text: String) { out.append(contentsOf: text.utf8) }
        func string(_ text: String) { JSONStringLiteral.append(text, to: &out) }
        func field(_ name: String, _ value: String?, last: Bool = false) {
            string(name)
            raw(": ")
            if let value { string(value) } else { raw("null") }
            if !last { raw(", ") }
        }
        func number(_ name: String, _ value: Int, last: Bool = false) {
            string(name)
            raw(": \(value)")
            if !last { raw(", ") }
        }
        raw("{\n  \"format_version\": \(ScanReport.formatVersion),\n  \"tool\": {")
        field("name", "attest")
        field("version", report.toolVersion, last: true)
        raw("},\n  ")
        field("generated_at", report.generatedAt)
        raw("\n  \"targets\": [")
        for (index, target) in report.targets.enumerated() {
            raw(index == 0 ? "\n    {" : ",\n    {")
            field("path", target.path)
            field("kind", target.kind.rawValue)
            field("since", target.since)
            number(target.kind == .history ? "blobs" : "files", target.files)
            if target.kind == .history { number("commits", target.commits) }
            number("bytes", target.bytes, last: true)
            raw("}")
        }
        raw(report.targets.isEmpty ? "],\n" : "\n  ],\n")
        raw("  \"summary\": {")
        number("findings", report.findings.count)
        for (severity, count) in report.countsBySeverity { number(severity.rawValue, count) }
        number("ignored_by_gitleaksignore", report.ignored)
        number("in_baseline", report.inBaseline, last: true)
        raw("},\n  \"warnings\": [")
        for (index, warning) in report.warnings.enumerated() {
            raw(index == 0 ? "\n    " : ",\n    ")
            string(warning)
        }
        raw(report.warnings.isEmpty ? "],\n" : "\n  ],\n")
        raw("  \"rules\": [")
        for (index, rule) in report.rules.enumerated() {
            raw(index == 0 ? "\n    {" : ",\n    {")
            field("id", rule.id)
            field("title", rule.title)
            field("severity", rule.severity.rawValue)
            string("secret")
            raw(": \(rule.isSecret)}")
        }
        raw("\n  ],\n  \"findings\": [")
        for (index, finding) in report.findings.enumerated() {
            raw(index == 0 ? "\n    {" : ",\n    {")
            field("fingerprint", finding.fingerprint)
            field("rule", finding.ruleID)
            field("title", finding.ruleTitle)
            field("severity", finding.severity.rawValue)
            string("secret")
            raw(": \(finding.isSecret), ")
            field("redacted", finding.redacted)
            field("secret_sha256", finding.sha256)
            field("target", finding.target)
            field("path", finding.path)
            number("line", finding.line)
            number("column", finding.column)
            field("commit", finding.commit)
            let time = finding.seenAt.map(ScanTimestamp.iso8601)
            field("author_time", finding.commit == nil ? nil : time)
            field("file_modified_at", finding.commit == nil ? time : nil)
            string("still_at_head")
            raw(": \(finding.stillAtHead.map { $0 ? "true" : "false" } ?? "null")}")
        }
        raw(report.findings.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
        return out
    }
}
