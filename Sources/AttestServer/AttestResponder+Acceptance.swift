import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import Markdown
import SiteBuilder
import TrainingRecords

extension AttestResponder {
    /// The policy `policyID` if it is in force and asks for acceptance.
    func policyToAccept(_ policyID: String) -> Policy? {
        state.handbook.policies.first { $0.id == policyID && !$0.draft && $0.acknowledge }
    }

    /// What a policy page that asks for acceptance shows the caller in place of its marked block:
    /// the form "I have read and accept version X" with the caller's form token; when they have
    /// accepted the current major version, when they did; else why they cannot accept here.
    /// Every value is escaped.
    func acceptanceBlock(policyID: String, request: Request) async -> String {
        let e = HTMLEscaping.text
        guard let policy = policyToAccept(policyID) else {
            return "<p class=\"acceptance-note\">This policy asks for no acceptance now.</p>"
        }
        let version = policy.version.text
        guard case .identified(let caller) = state.resolver.resolve(request, now: state.settings.now()) else {
            return "<p class=\"acceptance-note\">Sign in to accept version \(e(version)) of this policy: open the "
                + "sign-in link you were sent (or ask for one), then come back to this page.</p>"
        }
        guard let person = state.roster.person(caller.email), person.active else {
            return "<p class=\"acceptance-note\">\(e(caller.email)) is not an active person in the roster of people "
                + "who take training, so there is nothing to accept.</p>"
        }
        guard policy.requiresAcceptance(of: person) else {
            return "<p class=\"acceptance-note\">Accepting this policy is asked of "
                + "\(e(policy.acknowledgeAudience.joined(separator: ", "))), not of you.</p>"
        }
        let accepted: [AttemptRecord]
        do {
            accepted = try await state.store.acceptances(person: person.email)
        } catch {
            return "<p class=\"acceptance-note\" role=\"alert\">Your acceptances cannot be read now; reload this "
                + "page in a moment.</p>"
        }
        let ofPolicy = accepted.filter { $0.acceptedPolicy?.id == policy.id }
        if let current = ofPolicy.last(where: { Self.sameMajor($0.acceptedPolicy?.version, policy) }) {
            return "<p class=\"acceptance-done\" role=\"status\">You accepted version "
                + "\(e(current.acceptedPolicy?.version ?? "")) of this policy at \(e(current.recordedAt)) "
                + "(record \(e(current.id))). <a href=\"/me/\">My training</a></p>"
        }
        var html = ""
        if let earlier = ofPolicy.last {
            html +=
                "<p class=\"acceptance-note\">You accepted version \(e(earlier.acceptedPolicy?.version ?? "")); "
                + "version \(e(version)) changed what this policy asks of you: read it again, then accept it.</p>\n"
        }
        let token = formToken(for: request) ?? ""
        html += """
            <form class="acceptance-form" method="post" action="\(HTMLEscaping.attribute(AcceptanceFormMarkup.action(policyID: policy.id)))">
            \(QuizFormMarkup.csrfTokenInput(value: token))
            <input type="hidden" name="version" value="\(HTMLEscaping.attribute(version))">
            <p><button type="submit" id="accept-policy">I have read and accept version \(e(version))</button></p>
            </form>
            """
        return html
    }

    /// Whether `version` has the policy's current major version.
    static func sameMajor(_ version: String?, _ policy: Policy) -> Bool {
        version.flatMap(PolicyVersion.init)?.major == policy.version.major
    }

    /// `POST /policies/ID/accept` from a policy page's form: checks the caller, the form token, the
    /// policy and the version, records the acceptance in the chain, and sends the caller back to the
    /// page (303), which then says when they accepted. Accepting a major version already accepted
    /// records nothing more. Any refusal stores nothing.
    func submitAcceptance(_ request: Request, policyID: String) async throws(RequestFailure) -> Response {
        let (caller, person) = try requirePerson(request)
        try Self.requireContentType(request, "application/x-www-form-urlencoded")
        let body = try await collectBody(request)
        guard let fields = FormFields(parsing: String(buffer: body)) else {
            throw .badRequest("The form could not be read (bad percent-encoding).")
        }
        try checkForgeryProtection(request, fields: fields, caller: caller)
        guard let policy = state.handbook.policies.first(where: { $0.id == policyID && !$0.draft }) else {
            throw .notFound("There is no policy '\(policyID)'.")
        }
        guard policy.acknowledge else {
            throw .unprocessable(
                "Policy '\(policy.id)' asks for no acceptance (its front matter has no acknowledge: true).")
        }
        guard policy.requiresAcceptance(of: person) else {
            throw .forbidden(
                "Accepting policy '\(policy.id)' is asked of \(policy.acknowledgeAudience.joined(separator: ", ")), not of \(person.email)."
            )
        }
        let versions = fields.values("version")
        guard versions.count == 1, let version = versions.first, !version.isEmpty else {
            throw .badRequest("The form does not say which version is accepted (version); reload the policy page.")
        }
        guard version == policy.version.text else {
            throw RequestFailure(
                status: .conflict,
                message: "Version \(version) of policy '\(policy.id)' is not the current one: it is now version "
                    + "\(policy.version.text). Reload the page, read it, and accept the current version.")
        }
        let location = AcceptanceFormMarkup.pagePath(of: policy) + "#attest-acceptance"
        do {
            let earlier = try await state.store.acceptances(person: person.email)
            if earlier.contains(where: {
                $0.acceptedPolicy?.id == policy.id && Self.sameMajor($0.acceptedPolicy?.version, policy)
            }) {
                return Self.redirect(to: location, status: .seeOther)
            }
            _ = try await state.store.append(
                .acceptance(
                    person: person.email, policyID: policy.id, version: policy.version.text,
                    policySHA256: policy.sourceSHA256, identitySource: caller.source.rawValue))
        } catch {
            throw RequestFailure(
                status: .serviceUnavailable,
                message: "The acceptance could not be recorded (\(error)); nothing was stored. Please accept again.")
        }
        return Self.redirect(to: location, status: .seeOther)
    }
}
