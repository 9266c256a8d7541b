import HandbookContent
import Markdown
import Testing

@Suite struct ParameterQuotingTests {
    static let path = "content/policies/keys/rotation.md"
    static let location = SourceLocation(path: path, line: 12, column: 5)
    static let controls = [
        Control(
            id: "KEY-ROTATION", check: "rotation-age", title: "Keys are rotated", severity: .high,
            params: ["max_age_days": .integer(90), "types": .list(["secret", "restricted"])], frameworks: [],
            remediation: nil, policyID: "key-rotation", location: location),
        Control(
            id: "KEY_ENV", check: "no-live-in-nonprod", title: "Live keys stay in production", severity: .medium,
            params: [:],
            frameworks: [], remediation: nil, policyID: "key-rotation", location: location),
    ]

    /// Renders `body` (starting at file line `bodyStartLine`) with references replaced.
    static func render(_ body: String, bodyStartLine: Int = 10) -> (html: String, diagnostics: [String]) {
        let document = MarkdownDocument(parsing: body)
        let diagnostics = ParameterQuoting.apply(
            to: document, controls: controls, sourcePath: path, bodyStartLine: bodyStartLine)
        return (document.renderHTML(), diagnostics.map(\.description))
    }

    @Test func quotesParametersTitlesAndSeverities() {
        let (html, diagnostics) = Self.render(
            "Rotate every {{ controls.KEY-ROTATION.max_age_days }} days ({{controls.KEY-ROTATION.types}}): "
                + "*{{ controls.KEY-ROTATION.title }}*, severity {{  controls.KEY-ROTATION.severity  }}.\n")
        #expect(diagnostics.isEmpty)
        #expect(html == "<p>Rotate every 90 days (secret, restricted): <em>Keys are rotated</em>, severity high.</p>\n")
    }

    @Test func defaultsAreResolved() {
        let (html, diagnostics) = Self.render(
            "Warn {{ controls.KEY-ROTATION.warn_days }} days before; live keys only in {{ controls.KEY_ENV.environments }}.\n"
        )
        #expect(diagnostics.isEmpty)
        #expect(html == "<p>Warn 0 days before; live keys only in production.</p>\n")
    }

    @Test func codeAndOtherBracesStayAsWritten() {
        let body = """
            Use `{{ controls.KEY-ROTATION.max_age_days }}` in prose and {{ site.title }} stays.

            ```
            {{ controls.NOPE.x }}
            ```

                {{ controls.NOPE.y }}
            """
        let (html, diagnostics) = Self.render(body)
        #expect(diagnostics.isEmpty)
        #expect(html.contains("<code>{{ controls.KEY-ROTATION.max_age_days }}</code>"))
        #expect(html.contains("{{ site.title }} stays."))
        #expect(html.contains("<pre><code>{{ controls.NOPE.x }}\n</code></pre>"))
        #expect(html.contains("<pre><code>{{ controls.NOPE.y }}\n</code></pre>"))
    }

    @Test func quotesInHeadingsListsAndQuotes() {
        let (html, diagnostics) = Self.render(
            "## Every {{ controls.KEY-ROTATION.max_age_days }} days\n\n- at most {{ controls.KEY-ROTATION.max_age_days }}\n\n> {{ controls.KEY-ROTATION.severity }}\n"
        )
        #expect(diagnostics.isEmpty)
        #expect(
            html
                == "<h2>Every 90 days</h2>\n<ul>\n<li>at most 90</li>\n</ul>\n<blockquote>\n<p>high</p>\n</blockquote>\n"
        )
    }

    @Test func unknownReferencesAreErrorsAtTheirExactColumn() {
        let body = """
            # Title

            First line of a paragraph,
            then {{ controls.KEY-ROTATION.max_age }} and {{ controls.NOPE.max_age_days }},
            and {{ controls.NOPE.max_age_days }} again; {{ controls.KEY-ROTATION.modes }}.

            - item with {{ controls.KEY-ROTATION }}
            """
        let (html, diagnostics) = Self.render(body, bodyStartLine: 20)
        #expect(
            diagnostics == [
                "\(Self.path):23:6: error: unknown reference 'controls.KEY-ROTATION.max_age': control 'KEY-ROTATION' (check 'rotation-age') has no parameter 'max_age'; it has: max_age_days, warn_days, types, modes, title, severity",
                "\(Self.path):23:46: error: unknown reference 'controls.NOPE.max_age_days': this policy declares no control 'NOPE'; its controls: KEY-ROTATION, KEY_ENV",
                "\(Self.path):24:5: error: unknown reference 'controls.NOPE.max_age_days': this policy declares no control 'NOPE'; its controls: KEY-ROTATION, KEY_ENV",
                "\(Self.path):24:45: error: unknown reference 'controls.KEY-ROTATION.modes': parameter 'modes' of control 'KEY-ROTATION' is not set and has no default",
                "\(Self.path):26:13: error: malformed reference '{{ controls.KEY-ROTATION }}'; write {{ controls.CONTROL-ID.parameter }}",
            ])
        // References in error stay as written.
        #expect(html.contains("{{ controls.NOPE.max_age_days }}"))
    }

    @Test func cmarkMergesTextSplitAtDelimiters() {
        // `_`, `*`, `[` and `!` are delimiter candidates; with NORMALIZE the pieces are one text node again.
        let (html, diagnostics) = Self.render(
            "a [{{ controls.KEY_ENV.environments }}] b! {{ controls.KEY-ROTATION.max_age_days }}*\n")
        #expect(diagnostics.isEmpty)
        #expect(html == "<p>a [production] b! 90*</p>\n")
    }
}
