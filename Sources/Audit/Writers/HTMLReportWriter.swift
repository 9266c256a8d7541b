import HandbookContent

/// `index.html`: a self-contained page (inline CSS and SVG, no script, no external request) for
/// `site/audit/`. First an executive summary readable in ten seconds (the verdict, the counts, a
/// chart of controls passed, warned and failed by severity, and the trend when there is a history),
/// then each control: what its policy requires (linked to the handbook page), the policy's
/// remediation and each finding with its evidence. Prints cleanly. Every value is HTML-escaped.
public struct HTMLReportWriter: ReportWriter {
    /// Findings shown per control; the rest are counted and left to the JSON and CSV reports.
    public var findingLimit: Int

    public init(findingLimit: Int = 200) { self.findingLimit = findingLimit }

    private static let style = """
        :root{--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--ink:#1f2328;--muted:#59636e;--line:#d1d9e0}
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:1100px;margin:0 auto;padding:24px}
        h1{margin:0 0 4px}h2{margin-top:40px;border-top:1px solid var(--line);padding-top:16px}
        .verdict{font-size:22px;font-weight:600;margin:12px 0}.verdict.fail{color:var(--fail)}.verdict.warn{color:var(--warn)}.verdict.pass{color:var(--pass)}
        .cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:120px}
        .card b{display:block;font-size:26px}.muted{color:var(--muted)}
        table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        .badge{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600;text-transform:uppercase}
        .badge.pass{background:var(--pass)}.badge.warn{background:var(--warn)}.badge.fail{background:var(--fail)}
        .note{border-left:4px solid var(--warn);background:#fff8c5;padding:6px 12px;margin:8px 0}
        code{font-size:13px;word-break:break-all}dl.evidence{margin:0;display:grid;grid-template-columns:max-content auto;gap:0 8px;font-size:13px}
        dl.evidence dt{color:var(--muted)}dl.evidence dd{margin:0}
        @media print{body{max-width:none;padding:0;font-size:11px}a{color:inherit;text-decoration:none}
        section.control{break-inside:avoid-page}h2{break-after:avoid}.card{border-color:#999}}
        """

    public func write(_ report: AuditReport, to output: ReportOutput) {
        let e = ReportText.escapeMarkup
        let summary = report.summary
        let verdict: ControlResult.Status = summary.failed > 0 ? .fail : summary.warned > 0 ? .warn : .pass
        var text = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        text += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        text += "<title>Audit as of \(report.asOf)</title>\n<style>\n\(Self.style)\n</style>\n</head>\n<body>\n"
        text += "<header>\n<h1>Key and training audit</h1>\n"
        text +=
            "<p class=\"muted\">As of \(report.asOf) · \(report.activeKeys) active keys of \(report.keysRead) · \(summary.controls) controls from \(report.policyCount) policies</p>\n</header>\n"
        text += "<section id=\"summary\">\n"
        let verdictText: String
        switch verdict {
        case .fail:
            verdictText =
                "\(summary.failed) of \(summary.controls) controls fail"
                + Self.severityPhrase(summary.failedBySeverity)
        case .warn: verdictText = "No control fails; \(summary.warned) need attention soon"
        case .pass: verdictText = "Every control passes"
        }
        text += "<p class=\"verdict \(verdict.rawValue)\">\(e(verdictText))</p>\n<div class=\"cards\">\n"
        for (label, value, cls) in [
            ("controls failed", summary.failed, "fail"), ("controls warned", summary.warned, "warn"),
            ("controls passed", summary.passed, "pass"), ("failing findings", summary.findings.fail, "fail"),
            ("warning findings", summary.findings.warn, "warn"),
        ] {
            text += "<div class=\"card\"><b style=\"color:var(--\(cls))\">\(value)</b>\(label)</div>\n"
        }
        text += "</div>\n"
        text += Self.severityChart(report.controls)
        text += Self.controlChart(report.controls)
        if !report.history.isEmpty { text += Self.trendChart(report.history) }
        for missing in report.missingInputs {
            text += "<p class=\"note\"><strong>Missing input:</strong> \(e(missing.message))</p>\n"
        }
        for note in report.frameworkNotes {
            text += "<p class=\"note\"><strong>\(e(note.controlID)):</strong> \(e(note.message))</p>\n"
        }
        if !report.skippedRows.isEmpty {
            text +=
                "<p class=\"note\"><strong>\(report.skippedRows.count) inventory rows were skipped</strong> (listed at the end).</p>\n"
        }
        text +=
            "<table>\n<thead><tr><th>Control</th><th>Severity</th><th>Status</th><th>Failing</th><th>Warnings</th></tr></thead>\n<tbody>\n"
        for control in report.controls {
            text += "<tr><td><a href=\"#control-\(e(control.id))\">\(e(control.id))</a> \(e(control.title))</td>"
            text +=
                "<td>\(control.severity.rawValue)</td><td><span class=\"badge \(control.status.rawValue)\">\(control.status.rawValue)</span></td>"
            text += "<td>\(control.failCount)</td><td>\(control.warnCount)</td></tr>\n"
        }
        text += "</tbody>\n</table>\n</section>\n"
        output.write(text)

        for control in report.controls { output.write(section(for: control)) }

        text = "<section id=\"reproduce\">\n<h2>Reproduce this report</h2>\n<table>\n"
        text +=
            "<tr><th>As of</th><td>\(report.asOf)</td></tr>\n<tr><th>Generated at</th><td>\(e(report.generatedAt))</td></tr>\n"
        text += "<tr><th>Tool</th><td>attest \(e(report.toolVersion))</td></tr>\n"
        text += "<tr><th>Policy set SHA-256</th><td><code>\(e(report.policySetSHA256))</code></td></tr>\n"
        for input in report.inputs {
            text +=
                "<tr><th>\(e(input.kind))</th><td><code>\(e(input.path))</code> · \(input.rows) rows · SHA-256 <code>\(e(input.sha256))</code></td></tr>\n"
        }
        text += "</table>\n"
        if !report.skippedRows.isEmpty {
            text += "<h3>Skipped rows</h3>\n<ul>\n"
            for row in report.skippedRows {
                text += "<li><code>\(e(row.path)):\(row.line)</code>: \(e(row.reason))</li>\n"
            }
            text += "</ul>\n"
        }
        if !report.warnings.isEmpty {
            text += "<h3>Warnings about the input</h3>\n<ul>\n"
            for warning in report.warnings { text += "<li>\(e(warning.description))</li>\n" }
            text += "</ul>\n"
        }
        output.write(text + "</section>\n</body>\n</html>\n")
    }

    private func section(for control: ControlResult) -> String {
        let e = ReportText.escapeMarkup
        var text = "<section class=\"control\" id=\"control-\(e(control.id))\">\n"
        text +=
            "<h2><span class=\"badge \(control.status.rawValue)\">\(control.status.rawValue)</span> \(e(control.id)): \(e(control.title))</h2>\n"
        text += "<p><strong>What the policy requires:</strong> \(e(control.rule)) "
        text += "<a href=\"\(e(control.policy.linkFromAuditPage))\">\(e(control.policy.title))</a> "
        text += "<span class=\"muted\">(severity \(control.severity.rawValue)"
        if !control.frameworks.isEmpty { text += "; \(e(control.frameworks.joined(separator: ", ")))" }
        text += ")</span></p>\n"
        for note in control.frameworkNotes { text += "<p class=\"note\">\(e(note.message))</p>\n" }
        for input in control.missingInputs {
            let (what, found) =
                switch input {
                case "roster": ("roster", "people")
                case "exposures": ("leak scan report", "secrets")
                default: ("training records", "completions")
                }
            text += "<p class=\"note\">Input missing: no \(what) given, so this check found no \(found).</p>\n"
        }
        if control.findings.isEmpty {
            return text + "<p>No findings.</p>\n</section>\n"
        }
        if let remediation = control.remediation { text += "<p><strong>Remediation:</strong> \(e(remediation))</p>\n" }
        text +=
            "<table>\n<thead><tr><th>Subject</th><th>Status</th><th>Finding</th><th>Evidence</th></tr></thead>\n<tbody>\n"
        for finding in control.findings.prefix(findingLimit) {
            text += "<tr><td><code>\(e(finding.subject))</code>"
            if let source = finding.source {
                text += "<br><span class=\"muted\">\(e(source.path)):\(source.line)</span>"
            }
            text += "</td><td><span class=\"badge \(finding.status.rawValue)\">\(finding.status.rawValue)</span></td>"
            text += "<td>\(e(finding.message))</td><td><dl class=\"evidence\">"
            for item in finding.evidence { text += "<dt>\(e(item.name))</dt><dd>\(e(item.value.description))</dd>" }
            for (name, value) in finding.extraColumns.sorted(by: { $0.key < $1.key }) {
                text += "<dt>\(e(name))</dt><dd>\(e(value))</dd>"
            }
            text += "</dl></td></tr>\n"
        }
        text += "</tbody>\n</table>\n"
        if control.findings.count > findingLimit {
            text +=
                "<p class=\"muted\">… and \(control.findings.count - findingLimit) more findings in report.json and findings.csv.</p>\n"
        }
        return text + "</section>\n"
    }

    private static func severityPhrase(_ failed: [ControlSeverity: Int]) -> String {
        let parts = ControlSeverity.allCases.sorted(by: >).compactMap { severity -> String? in
            let n = failed[severity] ?? 0
            return n > 0 ? "\(n) \(severity.rawValue)" : nil
        }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    /// The colour of a status in the charts (literal: SVG presentation attributes take no CSS variables everywhere).
    static func color(_ status: String) -> String {
        switch status {
        case "fail": "#cf222e"
        case "warn": "#9a6700"
        default: "#1a7f37"
        }
    }

    /// Horizontal stacked bars: for each severity, its controls passed, warned and failed.
    static func severityChart(_ controls: [ControlResult]) -> String {
        let severities = ControlSeverity.allCases.sorted(by: >)
        let rowHeight = 28, labelWidth = 80, barWidth = 520
        let height = severities.count * rowHeight + 30
        let largest = max(1, severities.map { s in controls.filter { $0.severity == s }.count }.max() ?? 1)
        var svg =
            "<svg role=\"img\" aria-labelledby=\"chart-title\" width=\"\(labelWidth + barWidth + 140)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 140) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\">\n"
        svg += "<title id=\"chart-title\">Controls passed, warned and failed by severity</title>\n"
        for (row, severity) in severities.enumerated() {
            let these = controls.filter { $0.severity == severity }
            let counts = [
                ("fail", these.filter { $0.status == .fail }.count),
                ("warn", these.filter { $0.status == .warn }.count),
                ("pass", these.filter { $0.status == .pass }.count),
            ]
            let y = row * rowHeight + 4
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(severity.rawValue)</text>\n"
            var x = labelWidth
            for (status, count) in counts where count > 0 {
                let width = count * barWidth / largest
                svg +=
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"20\" fill=\"\(Self.color(status))\"><title>\(count) \(status)</title></rect>\n"
                x += width
            }
            let label = counts.map { "\($0.1) \($0.0)" }.joined(separator: " · ")
            svg += "<text x=\"\(x + 6)\" y=\"\(y + 15)\" fill=\"#59636e\">\(label)</text>\n"
        }
        let legendY = severities.count * rowHeight + 20
        svg +=
            "<text x=\"\(labelWidth)\" y=\"\(legendY)\" fill=\"#59636e\">controls by severity: failed (red), warned (amber), passed (green)</text>\n"
        return svg + "</svg>\n"
    }

    /// A bar per control: its status (colour) and its failing and warning findings (length, on a
    /// square-root scale so that one large control does not flatten the others).
    static func controlChart(_ controls: [ControlResult]) -> String {
        guard !controls.isEmpty else { return "" }
        let rowHeight = 22, labelWidth = 220, barWidth = 380
        let height = controls.count * rowHeight + 8
        let largest = max(1, controls.map { $0.findings.count }.max() ?? 1)
        var svg =
            "<svg role=\"img\" aria-labelledby=\"controls-title\" width=\"\(labelWidth + barWidth + 160)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 160) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">\n"
        svg += "<title id=\"controls-title\">Findings by control, coloured by status</title>\n"
        for (row, control) in controls.enumerated() {
            let y = row * rowHeight + 4
            let count = control.findings.count
            let width =
                count == 0
                ? 4 : max(4, Int((Double(count).squareRoot() / Double(largest).squareRoot()) * Double(barWidth)))
            svg +=
                "<text x=\"0\" y=\"\(y + 13)\">\(ReportText.escapeMarkup(control.id)) (\(control.severity.rawValue))</text>\n"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(width)\" height=\"16\" fill=\"\(color(control.status.rawValue))\"><title>\(ReportText.escapeMarkup(control.id)): \(control.status.rawValue)</title></rect>\n"
            svg +=
                "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 13)\" fill=\"#59636e\">\(control.status.rawValue): \(control.failCount) failing, \(control.warnCount) warning</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A line per status (controls failed, warned, passed) over the history's runs.
    public static func trendChart(_ history: [HistoryEntry]) -> String {
        let width = 640, height = 180, left = 40, bottom = 150, top = 10
        guard let first = history.first, let last = history.last else { return "" }
        let largest = max(1, history.map { max($0.failed, $0.warned, $0.passed) }.max() ?? 1)
        let step = history.count > 1 ? (width - left - 20) / (history.count - 1) : 0
        func point(_ index: Int, _ value: Int) -> String {
            "\(left + index * step),\(bottom - value * (bottom - top) / largest)"
        }
        var svg =
            "<h3>Trend</h3>\n<svg role=\"img\" aria-labelledby=\"trend-title\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">\n"
        svg +=
            "<title id=\"trend-title\">Controls failed, warned and passed per run, \(first.asOf) to \(last.asOf)</title>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(width - 10)\" y2=\"\(bottom)\" stroke=\"#d1d9e0\"/>\n"
        svg +=
            "<text x=\"0\" y=\"\(top + 10)\" fill=\"#59636e\">\(largest)</text><text x=\"0\" y=\"\(bottom)\" fill=\"#59636e\">0</text>\n"
        for (status, values) in [
            ("fail", history.map(\.failed)), ("warn", history.map(\.warned)), ("pass", history.map(\.passed)),
        ] {
            let points = values.enumerated().map { point($0.offset, $0.element) }.joined(separator: " ")
            svg +=
                "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(Self.color(status))\" stroke-width=\"2\"/>\n"
            for (index, value) in values.enumerated() {
                svg +=
                    "<circle cx=\"\(left + index * step)\" cy=\"\(bottom - value * (bottom - top) / largest)\" r=\"3\" fill=\"\(Self.color(status))\"><title>\(history[index].asOf): \(value) \(status)</title></circle>\n"
            }
        }
        svg += "<text x=\"\(left)\" y=\"\(bottom + 20)\" fill=\"#59636e\">\(first.asOf)</text>\n"
        if history.count > 1 {
            svg +=
                "<text x=\"\(width - 10)\" y=\"\(bottom + 20)\" text-anchor=\"end\" fill=\"#59636e\">\(last.asOf)</text>\n"
        }
        return svg + "</svg>\n"
    }
}
