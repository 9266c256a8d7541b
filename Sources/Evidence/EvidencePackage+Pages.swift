import Audit
import HandbookContent
import Markdown
import TrainingRecords

/// The package's HTML pages: the index and one page per policy. Every user text is escaped.
extension EvidencePackage {
    static func escape(_ text: String) -> String { HTMLEscaping.text(text) }

    static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse}\
        td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}code{word-break:break-all}</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A policy as HTML, with its version history from its front matter.
    func policyPage(_ policy: Policy) -> String {
        let document = MarkdownDocument(parsing: policy.body)
        // The same parameter quoting as the published handbook (the handbook loaded without errors).
        _ = ParameterQuoting.apply(
            to: document, controls: policy.controls, sourcePath: policy.sourcePath, bodyStartLine: policy.bodyStartLine)
        let rendered = document.renderHTML()
        let e = Self.escape
        let body = """
            <p><a href="../index.html">Evidence package</a></p>
            <h1>\(e(policy.title))</h1>
            <table>
            <tr><th>Policy</th><td>\(e(policy.id))</td></tr>
            <tr><th>Version</th><td>\(e(policy.version.text))</td></tr>
            <tr><th>Owner</th><td>\(e(policy.owner))</td></tr>
            <tr><th>Last reviewed</th><td>\(policy.lastReviewed)</td></tr>
            <tr><th>Next review</th><td>\(policy.nextReview)</td></tr>
            <tr><th>Source</th><td><code>\(e(policy.sourcePath))</code> (SHA-256 <code>\(e(policy.sourceSHA256))</code>)</td></tr>
            </table>
            <h2>Version history</h2>
            \(historySection(policy))
            <h2>Text</h2>
            \(rendered)
            """
        return Self.page(title: "\(policy.title) \(policy.version.text)", body: body)
    }

    /// The version history: from git when the policy's file is in a repository, else front matter alone.
    func historySection(_ policy: Policy) -> String {
        let e = Self.escape
        guard let revisions = histories[policy.id], !revisions.isEmpty else {
            return "<p>From the policy's front matter alone (its file is not in a git repository): version "
                + "\(e(policy.version.text)), owned by \(e(policy.owner)), last reviewed \(policy.lastReviewed).</p>"
        }
        var html = "<p>From git: each commit that changed the policy's version.</p>\n<table>\n"
        html += "<tr><th>Version</th><th>Date</th><th>Author</th><th>Commit</th><th>Approved by</th></tr>\n"
        for revision in revisions.reversed() {
            html += "<tr><td>\(e(revision.version))</td><td>\(e(revision.date))</td><td>\(e(revision.author))</td>"
            html +=
                "<td><code>\(e(revision.commit))</code></td><td>\(e(revision.approvedBy ?? "(no Approved-by trailer)"))</td></tr>\n"
        }
        return html + "</table>"
    }

    /// The index: period, organisation, inputs and their SHA-256s, a summary, links to every file.
    func indexPage(
        files: [String], chain: ChainVerification, attempts: Int, status: TrainingStatus, xapiWritten: Bool
    ) -> String {
        let e = Self.escape
        var body = """
            <h1>Evidence: \(e(organization))</h1>
            <p>\(e(handbookTitle)). Period \(from) to \(to) (inclusive); prepared as of \(asOf) by attest \
            \(e(toolVersion)).</p>
            <h2>Summary</h2>
            <ul>

            """
        let requirements = status.requirements
        let current = requirements.filter { $0.state.isCurrentPass }.count
        body += "<li>Policies in force: \(policies.count)</li>\n"
        body += "<li>Training at \(to): \(current) of \(requirements.count) requirements current"
        body += requirements.isEmpty ? "</li>\n" : " (\(current * 100 / requirements.count)%)</li>\n"
        body += "<li>Attempts and policy acceptances in the period (roster's people): \(attempts)</li>\n"
        body += "<li>Record chain: \(chain.isIntact ? "intact" : "BROKEN"), \(chain.recordCount) records, head "
        body += "<code>\(e(chain.head ?? "none"))</code></li>\n"
        if let audit {
            let summary = audit.summary
            body += "<li>Audit as of \(to): \(summary.controls) controls, \(summary.passed) passed, "
            body += "\(summary.warned) warned, \(summary.failed) failed</li>\n"
        } else {
            body += "<li>Audit: not included (no inventory given)</li>\n"
        }
        if !xapiWritten {
            body += "<li>xAPI statements: not written (base_url is not an absolute http(s) URL)</li>\n"
        }
        body += "</ul>\n<h2>Inputs</h2>\n<table>\n<tr><th>Kind</th><th>Path</th><th>SHA-256</th></tr>\n"
        for input in inputs {
            body +=
                "<tr><td>\(e(input.kind))</td><td>\(e(input.path))</td><td><code>\(e(input.sha256))</code></td></tr>\n"
        }
        body += "</table>\n<h2>Files</h2>\n<ul>\n"
        for path in files.sorted() {
            body += "<li><a href=\"\(HTMLEscaping.attribute(path))\">\(e(path))</a></li>\n"
        }
        body += "<li><a href=\"manifest.json\">manifest.json</a> (every file's SHA-256 and size; check with "
        body += "<code>attest evidence verify</code>)</li>\n</ul>\n"
        return Self.page(title: "Evidence \(organization) \(from) to \(to)", body: body)
    }
}
