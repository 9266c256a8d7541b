/// `junit.xml`: one test suite, a test case per control (class name: the policy id), a failure per
/// failing control listing its findings; warnings go to the test case's system-out. The suite's
/// properties name the as-of date, tool version, policy set hash and each input's hash.
public struct JUnitReportWriter: ReportWriter {
    public init() {}

    public func write(_ report: AuditReport, to output: ReportOutput) {
        let summary = report.summary
        let e = ReportText.escapeMarkup
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        text +=
            "<testsuites name=\"attest audit\" tests=\"\(summary.controls)\" failures=\"\(summary.failed)\" errors=\"0\">\n"
        text +=
            "  <testsuite name=\"attest audit as of \(report.asOf)\" tests=\"\(summary.controls)\" failures=\"\(summary.failed)\" errors=\"0\" skipped=\"0\">\n"
        text += "    <properties>\n"
        var properties = [
            ("as_of", report.asOf.description), ("tool_version", report.toolVersion),
            ("policy_set_sha256", report.policySetSHA256),
        ]
        for input in report.inputs {
            properties.append(("input:\(input.path)", "sha256:\(input.sha256) rows:\(input.rows)"))
        }
        for (name, value) in properties { text += "      <property name=\"\(e(name))\" value=\"\(e(value))\"/>\n" }
        text += "    </properties>\n"
        output.write(text)
        for control in report.controls {
            text =
                "    <testcase classname=\"\(e(control.policy.id))\" name=\"\(e(control.id)): \(e(control.title))\">\n"
            if control.status == .fail {
                text +=
                    "      <failure type=\"\(control.severity.rawValue)\" message=\"\(control.failCount) failing finding\(control.failCount == 1 ? "" : "s"): \(e(control.rule))\">"
                output.write(text)
                for finding in control.findings where finding.status == .fail {
                    output.write(e("\(finding.subject): \(finding.message)") + "\n")
                }
                text = "</failure>\n"
            }
            if control.warnCount > 0 {
                text += "      <system-out>"
                output.write(text)
                for finding in control.findings where finding.status == .warn {
                    output.write(e("warning: \(finding.subject): \(finding.message)") + "\n")
                }
                text = "</system-out>\n"
            }
            output.write(text + "    </testcase>\n")
        }
        output.write("  </testsuite>\n</testsuites>\n")
    }
}
