import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import TrainingRecords

extension AttestResponder {
    /// The caller and their roster entry; 401 when nobody is identified, 403 when they are not an
    /// active person of the roster.
    func requirePerson(_ request: Request) throws(RequestFailure) -> (CallerIdentity, Person) {
        let caller = try requireCaller(request)
        guard let person = state.roster.person(caller.email) else {
            throw .forbidden("\(caller.email) is not in the roster of people who take training.")
        }
        guard person.active else { throw .forbidden("\(caller.email) is not active in the roster.") }
        return (caller, person)
    }

    /// The caller, whoever they are; 401 when nobody is identified.
    func requireCaller(_ request: Request) throws(RequestFailure) -> CallerIdentity {
        switch state.resolver.resolve(request, now: state.settings.now()) {
        case .identified(let caller): return caller
        case .anonymous(let message), .refused(let message): throw .unauthorized(message)
        }
    }

    /// An admin (listed under `admins` in handbook.yml); 403 for anyone else.
    func requireAdmin(_ request: Request) throws(RequestFailure) -> CallerIdentity {
        let caller = try requireCaller(request)
        guard isAdmin(caller.email) else {
            throw .forbidden("Only the handbook's admins (handbook.yml `admins`) may see everyone's training status.")
        }
        return caller
    }

    func isAdmin(_ email: String) -> Bool { state.admins.contains(email.lowercased()) }

    /// `GET /invite?token=…`: checks the signed invitation and shows a page with a button that
    /// signs in (a POST). Opening the link uses nothing up: mail scanners and link previews that
    /// fetch it cannot spend a link that signs in once.
    func invitationPage(_ request: Request) throws(RequestFailure) -> Response {
        guard let text = FormFields(parsing: request.uri.query ?? "")?.first("token"), !text.isEmpty else {
            throw .badRequest("The invitation link has no token; use the whole link you were sent.")
        }
        let (invitation, person) = try checkInvitation(text)
        // Sent back with the form: a page on another site can post a token but not this cookie.
        let check = SignedToken.makeNonce()
        let expires = UTCTimestamp(millisecondsSince1970: invitation.expires * 1000)
        var response = Self.htmlResponse(
            state.pages.invitation(token: text, check: check, person: person, expires: expires.date.description),
            status: .ok)
        response.headers[.cacheControl] = "no-store"
        response.setCookie(
            Cookie(
                name: Self.invitationCheckCookie, value: check, maxAge: 3_600, path: "/invite",
                secure: state.resolver.configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// `POST /invite` from the invitation page: uses the invitation up (a link signs in once), opens
    /// a session (cookie) and goes to "my training".
    func openInvitation(_ request: Request) async throws(RequestFailure) -> Response {
        try refuseCrossSite(request)
        try Self.requireContentType(request, "application/x-www-form-urlencoded")
        let body = try await collectBody(request)
        guard let fields = FormFields(parsing: String(buffer: body)), let text = fields.first("token"), !text.isEmpty
        else {
            throw .badRequest("The sign-in form has no invitation token; open your invitation link again.")
        }
        guard let check = fields.first("check"), !check.isEmpty,
            request.cookies[Self.invitationCheckCookie]?.value == check
        else {
            throw .forbidden(
                "The sign-in form does not come from this server's invitation page; open your invitation link again.")
        }
        let (invitation, person) = try checkInvitation(text)
        let redemption: InvitationRedemption
        do {
            redemption = try await state.store.redeemInvitation(
                id: invitation.nonce, person: person.email, expires: invitation.expires)
        } catch {
            throw RequestFailure(
                status: .serviceUnavailable,
                message: "The sign-in could not be recorded (\(error)); the link is unused. Please try again.")
        }
        if case .alreadyRedeemed(let at) = redemption {
            throw .unauthorized(
                "This invitation link was already used to sign in (at \(at)); each link signs in once. "
                    + "Ask for a new one.")
        }
        let configuration = state.resolver.configuration
        let now = state.settings.now()
        let session = SignedToken(
            purpose: .session, subject: person.email,
            expires: Int64(now.timeIntervalSince1970) + configuration.sessionLifetime, nonce: SignedToken.makeNonce())
        var response = Self.redirect(to: "/me/", status: .seeOther)
        response.setCookie(
            Cookie(
                name: IdentityConfiguration.sessionCookieName, value: session.encoded(with: configuration.signingKey),
                maxAge: Int(configuration.sessionLifetime), path: "/", secure: configuration.secureCookies,
                httpOnly: true, sameSite: .lax))
        response.setCookie(
            Cookie(
                name: Self.invitationCheckCookie, value: "", maxAge: 0, path: "/invite",
                secure: configuration.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// The cookie that ties the sign-in form to the invitation page it came from.
    static let invitationCheckCookie = "attest_invite_check"

    /// The invitation in `text` and its person: 401 when the token is expired or not valid, 403 when
    /// the person is not active in the roster.
    private func checkInvitation(_ text: String) throws(RequestFailure) -> (SignedToken, Person) {
        let configuration = state.resolver.configuration
        let invitation: SignedToken
        switch SignedToken.decode(text, purpose: .invitation, key: configuration.signingKey, now: state.settings.now())
        {
        case .success(let token): invitation = token
        case .failure(.expired):
            throw .unauthorized("This invitation link has expired; ask for a new one.")
        case .failure(let failure):
            throw .unauthorized("This invitation link is not valid (\(failure)); use the whole link you were sent.")
        }
        guard let person = state.roster.person(invitation.subject), person.active else {
            throw .forbidden("\(invitation.subject) is not an active person of the roster.")
        }
        return (invitation, person)
    }
}
