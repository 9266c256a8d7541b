import Audit
import Foundation
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

    /// The policy pages' style: the screen's, and the print stylesheet the PDFs are made with (CSS
    /// Paged Media: A4, a cover page, the policy and its version at the top of every other page,
    /// the organisation and the period at the bottom, "Page N of M"). Running heads take their text
    /// from the page (`string-set`), so no user text is ever written into CSS.
    static let policyStyle = """
        body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
        code{word-break:break-all}th{white-space:nowrap}.cover{margin-bottom:2em}.cover .organization{color:#555;margin:0}
        .cover .period{color:#555}
        .organization{string-set:organization content()}h1.policy-title{string-set:policy-title content()}
        td.policy-version{string-set:policy-version content()}.period{string-set:period content()}
        @page{size:A4;margin:24mm 18mm 22mm 18mm;
        @top-left{content:string(policy-title) ", version " string(policy-version);font:9pt sans-serif;color:#555}
        @top-right{content:string(organization);font:9pt sans-serif;color:#555}
        @bottom-left{content:string(period);font:8pt sans-serif;color:#555}
        @bottom-right{content:"Page " counter(page) " of " counter(pages);font:9pt sans-serif;color:#555}}
        @page :first{@top-left{content:none}@top-right{content:none}}
        @media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}.screen-only{display:none}
        .cover{break-after:page;padding-top:45mm}.cover h1{font-size:26pt;margin:.3em 0 .8em}
        .cover table{width:100%}a{color:inherit;text-decoration:none}h2,h3{break-after:avoid}
        tr,pre{break-inside:avoid}table{width:100%}table.history{font-size:8.5pt}table.history code{font-size:7.5pt}}
        """

    /// The date the policy's current version took effect: the commit that set it when its file is
    /// in git, else its front matter's last review; and where that date comes from.
    func effectiveDate(_ policy: Policy) -> (date: String, source: String) {
        if let revision = histories[policy.id]?.last(where: { $0.version == policy.version.text }) {
            return (String(revision.date.prefix(10)), "the commit that set version \(policy.version.text)")
        }
        return ("\(policy.lastReviewed)", "the front matter's last review")
    }

    /// A policy as HTML: a cover (organisation, title, version, owner, effective date, the period),
    /// its version history, then its text; printed, the cover is a page of its own.
    /// `forPrint`: the page the PDF is made from, whose links all lead to the published handbook
    /// (a PDF has no neighbours); otherwise links to policies in the package lead to their pages.
    func policyPage(_ policy: Policy, forPrint: Bool = false) -> String {
        let document = MarkdownDocument(parsing: policy.body)
        // The same parameter quoting as the published handbook (the handbook loaded without errors).
        _ = ParameterQuoting.apply(
            to: document, controls: policy.controls, sourcePath: policy.sourcePath, bodyStartLine: policy.bodyStartLine)
        document.rewriteLinks { linkTarget($0, from: policy, forPrint: forPrint) }
        // GitHub's heading ids, as the handbook gives them, so that links within the page resolve.
        var slugger = HeadingSlugger()
        let rendered = document.renderHTML(headingIDs: document.headings().map { slugger.slug(for: $0.text) })
        let e = Self.escape
        let effective = effectiveDate(policy)
        let body = """
            <p class="screen-only"><a href="../index.html">Evidence package</a>\
            \(pdfEngine == nil ? "" : " · <a href=\"\(HTMLEscaping.attribute(policy.id)).pdf\">PDF</a>")</p>
            <section class="cover">
            <p class="organization">\(e(organization))</p>
            <h1 class="policy-title">\(e(policy.title))</h1>
            <table>
            <tr><th>Policy</th><td>\(e(policy.id))</td></tr>
            <tr><th>Version</th><td class="policy-version">\(e(policy.version.text))</td></tr>
            <tr><th>Owner</th><td>\(e(policy.owner))</td></tr>
            <tr><th>Effective</th><td>\(e(effective.date)) (\(e(effective.source)))</td></tr>
            <tr><th>Last reviewed</th><td>\(policy.lastReviewed)</td></tr>
            <tr><th>Next review</th><td>\(policy.nextReview)</td></tr>
            <tr><th>Source</th><td><code>\(e(policy.sourcePath))</code> (SHA-256 <code>\(e(policy.sourceSHA256))</code>)</td></tr>
            </table>
            <p class="period">Evidence for \(e(organization)), period \(from) to \(to)</p>
            </section>
            <h2>Version history</h2>
            \(historySection(policy))
            <h2>Text</h2>
            \(rendered)
            """
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(e(policy.title)) \(e(policy.version.text))</title>
            <meta name="author" content="\(HTMLEscaping.attribute(policy.owner))">
            <meta name="dcterms.created" content="\(asOf)">
            <style>\(Self.policyStyle)</style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    /// Where a link of a policy's Markdown leads in the package: a relative link to a policy in
    /// the package, to its page (`ID.html`); any other relative link, to its page in the published
    /// handbook (base_url) when that is an absolute http(s) URL; links with a scheme, to `#…` or
    /// `/…`, as written.
    func linkTarget(_ link: String, from policy: Policy, forPrint: Bool) -> String {
        guard let first = link.first, first != "#", first != "/",
            link.range(
                of: #"^[A-Za-z][A-Za-z0-9+.-]*:"#,
                options: .regularExpression) == nil
        else { return link }
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = parts.count > 1 ? "#" + parts[1] : ""
        var resolved = policy.sourcePath.split(separator: "/").dropLast().map(String.init)
        for component in parts[0].split(separator: "/") {
            if component == ".." {
                guard !resolved.isEmpty else { return link }
                resolved.removeLast()
            } else if component != "." {
                resolved.append(String(component))
            }
        }
        let path = resolved.joined(separator: "/")
        if !forPrint, let target = policies.first(where: { $0.sourcePath == path }) {
            return "\(target.id).html\(fragment)"
        }
        guard baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") else { return link }
        var page = path.hasPrefix("content/") ? String(path.dropFirst("content/".count)) : path
        if page.lowercased().hasSuffix(".md") {
            page.removeLast(3)
            page = page == "index" ? "index.html" : page.hasSuffix("/index") ? page + ".html" : page + "/index.html"
        }
        return (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + page + fragment
    }

    /// `audit/history.html`: the audit runs of the period (`--history`) and this package's audit,
    /// as a table and a trend chart (inline SVG, no script).
    func historyPage(_ history: [HistoryEntry]) -> String {
        var body = """
            <p><a href="../index.html">Evidence package</a></p>
            <h1>Audit runs, \(from) to \(to)</h1>
            <p>The runs recorded in the audit history during the period, oldest first; the last row is this \
            package's audit, as of \(to).</p>
            \(HTMLReportWriter.trendChart(history))
            <table>
            <tr><th>As of</th><th>Generated at</th><th>Controls passed</th><th>warned</th><th>failed</th>\
            <th>Failing findings</th><th>Warning findings</th></tr>

            """
        for entry in history {
            body += "<tr><td>\(entry.asOf)</td><td>\(Self.escape(entry.generatedAt))</td><td>\(entry.passed)</td>"
            body += "<td>\(entry.warned)</td><td>\(entry.failed)</td><td>\(entry.failFindings)</td>"
            body += "<td>\(entry.warnFindings)</td></tr>\n"
        }
        body += "</table>"
        return Self.page(title: "Audit runs \(from) to \(to)", body: body)
    }

    /// The version history: from git when the policy's file is in a repository, else front matter alone.
    func historySection(_ policy: Policy) -> String {
        let e = Self.escape
        guard let revisions = histories[policy.id], !revisions.isEmpty else {
            return "<p>From the policy's front matter alone (its file is not in a git repository): version "
                + "\(e(policy.version.text)), owned by \(e(policy.owner)), last reviewed \(policy.lastReviewed).</p>"
        }
        var html = "<p>From git: each commit that changed the policy's version.</p>\n<table class=\"history\">\n"
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
        if let audit, audit.history.count > 1 {
            let earlier = audit.history.count - 1
            body +=
                "<li>Audit history: \(earlier) earlier run\(earlier == 1 ? "" : "s") in the period, with the trend in "
            body += "<a href=\"audit/history.html\">audit/history.html</a></li>\n"
        }
        if let pdfEngine {
            body += "<li>Policies as PDF: made with \(e(pdfEngine)) from the policies' HTML pages</li>\n"
        } else {
            body += "<li>Policies as PDF: not made (--no-pdf); the HTML pages hold the same text</li>\n"
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
