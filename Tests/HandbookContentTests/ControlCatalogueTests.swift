import HandbookContent
import Markdown
import Testing

/// The catalogue declares each check's parameters with their defaults, so that policy prose can
/// quote the numbers the audit enforces.
@Suite struct ControlCatalogueTests {
    @Test func ipAllowlistBoundsHaveDefaults() {
        let check = ControlCatalogue.checks["ip-allowlist"]
        #expect(check?.parameter("min_prefix_ipv4")?.defaultValue == .integer(16))
        #expect(check?.parameter("min_prefix_ipv6")?.defaultValue == .integer(32))
        let resolved = ControlCatalogue.resolvedParams(check: "ip-allowlist", params: ["min_prefix_ipv6": .integer(48)])
        #expect(resolved["min_prefix_ipv4"] == .integer(16))
        #expect(resolved["min_prefix_ipv6"] == .integer(48))
        #expect(ControlCatalogue.problems(check: "ip-allowlist", params: [:]).isEmpty)
        #expect(
            ControlCatalogue.ruleDescription(check: "ip-allowlist", params: ["modes": .list(["live"])])
                == "Every active key (live keys) has an IP allowlist, with no entry that allows every address or is wider than /16 (IPv4) or /32 (IPv6)."
        )
    }

    /// A policy cannot configure an allow-all list into passing: a bound of 0 is out of range.
    @Test func ipAllowlistBoundsAreChecked() {
        let problems = ControlCatalogue.problems(
            check: "ip-allowlist",
            params: ["min_prefix_ipv4": .integer(0), "min_prefix_ipv6": .integer(129)]
        ).map(\.message)
        #expect(
            problems == [
                "parameter 'min_prefix_ipv4' must be between 1 and 32, got 0",
                "parameter 'min_prefix_ipv6' must be between 1 and 128, got 129",
            ])
    }

    @Test func logsReviewedNeedsItsLimit() {
        #expect(
            ControlCatalogue.problems(check: "logs-reviewed", params: [:]).map(\.message) == [
                "check 'logs-reviewed' requires parameter 'max_days'"
            ])
        #expect(ControlCatalogue.problems(check: "logs-reviewed", params: ["max_days": .integer(31)]).isEmpty)
        #expect(
            ControlCatalogue.ruleDescription(
                check: "logs-reviewed",
                params: ["max_days": .integer(31), "types": .list(["secret", "restricted"]), "modes": .list(["live"])])
                == "The request logs of every key (secret, restricted keys, live mode) are reviewed at least every 31 days."
        )
        #expect(ControlCatalogue.checkNames.contains("logs-reviewed"))
    }

    /// Prose quotes the bounds even when the policy leaves them to their defaults.
    @Test func proseQuotesDefaultBounds() {
        let control = Control(
            id: "KEY-IP-ALLOWLIST", check: "ip-allowlist", title: "Narrow allowlists", severity: .medium,
            params: ["types": .list(["secret"])], frameworks: [], remediation: nil, policyID: "ip-allowlists",
            location: SourceLocation(path: "content/policies/access/ip-allowlists.md", line: 12, column: 5))
        let document = MarkdownDocument(
            parsing:
                "No entry wider than /{{ controls.KEY-IP-ALLOWLIST.min_prefix_ipv4 }} (IPv4) or /{{ controls.KEY-IP-ALLOWLIST.min_prefix_ipv6 }} (IPv6).\n"
        )
        let diagnostics = ParameterQuoting.apply(
            to: document, controls: [control], sourcePath: "content/policies/access/ip-allowlists.md", bodyStartLine: 20
        )
        #expect(diagnostics.isEmpty)
        #expect(document.renderHTML() == "<p>No entry wider than /16 (IPv4) or /32 (IPv6).</p>\n")
    }
}
