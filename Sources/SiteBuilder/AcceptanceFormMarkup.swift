import HandbookContent
import Markdown

/// What a policy page that asks for acceptance (`acknowledge: true`) and the server agree on.
///
/// The built page holds, where the theme writes `{{{acceptanceForm}}}`, a note between two marks:
///
/// ```
/// <!--attest:accept POLICY-ID-->
/// <p class="acceptance-note">…open this page on the training server, signed in, to accept it.</p>
/// <!--/attest:accept-->
/// ```
///
/// `attest serve` replaces everything from the first mark to the second, for each request, with
/// what the caller may do: the form "I have read and accept version X" (a POST to
/// ``action(policyID:)`` carrying the caller's form token, as quiz forms do), or when they accepted
/// already, when they did; signed out, how to sign in. `attest build` refuses a theme whose page of
/// such a policy lacks the marks.
public enum AcceptanceFormMarkup {
    /// Opens the part the server fills in; the policy id follows, then ``startClose``.
    public static let startOpen = "<!--attest:accept "
    public static let startClose = "-->"
    /// Closes it.
    public static let end = "<!--/attest:accept-->"

    /// Where the acceptance form posts: an absolute path, handled only by the server.
    public static func action(policyID: String) -> String { "/policies/\(policyID)/accept" }

    /// The policy id in ``action(policyID:)``, nil for any other path.
    public static func policyID(fromAction path: String) -> String? {
        let prefix = "/policies/"
        let suffix = "/accept"
        guard path.hasPrefix(prefix), path.hasSuffix(suffix), path.count > prefix.count + suffix.count else {
            return nil
        }
        let id = path.dropFirst(prefix.count).dropLast(suffix.count)
        return id.contains("/") ? nil : String(id)
    }

    /// The absolute URL path of a policy's page on the server (`/policies/keys/rotation/`).
    public static func pagePath(of policy: Policy) -> String {
        let url = SiteURL.forSource(policy.sourcePath)
        return "/" + (url.hasSuffix("index.html") ? String(url.dropLast("index.html".count)) : url)
    }

    /// The marked block of the built page: what a reader of the static site sees.
    public static func placeholder(for policy: Policy) -> String {
        let audience =
            policy.acknowledgeAudience.isEmpty
            ? "Everyone"
            : "Everyone in " + policy.acknowledgeAudience.map(HTMLEscaping.text).joined(separator: ", ")
        return startOpen + policy.id + startClose + "\n"
            + "<p class=\"acceptance-note\">\(audience) must read and accept version "
            + "\(HTMLEscaping.text(policy.version.text)) of this policy. Open this page on the training server, "
            + "signed in, to accept it.</p>\n" + end
    }

    /// Whether a rendered page of `policy` carries the marks.
    static func hasMarks(in html: String, policy: Policy) -> Bool {
        html.contains(startOpen + policy.id + startClose) && html.contains(end)
    }
}
