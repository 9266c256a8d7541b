import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird

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

    /// `GET /invite?token=…`: checks the signed invitation, opens a session (cookie) and goes to "my training".
    func openInvitation(_ request: Request) throws(RequestFailure) -> Response {
        let configuration = state.resolver.configuration
        let now = state.settings.now()
        guard let text = FormFields(parsing: request.uri.query ?? "")?.first("token"), !text.isEmpty else {
            throw .badRequest("The invitation link has no token; use the whole link you were sent.")
        }
        let invitation: SignedToken
        switch SignedToken.decode(text, purpose: .invitation, key: configuration.signingKey, now: now) {
        case .success(let token): invitation = token
        case .failure(.expired):
            throw .unauthorized("This invitation link has expired; ask for a new one.")
        case .failure(let failure):
            throw .unauthorized("This invitation link is not valid (\(failure)); use the whole link you were sent.")
        }
        guard let person = state.roster.person(invitation.subject), person.active else {
            throw .forbidden("\(invitation.subject) is not an active person of the roster.")
        }
        let session = SignedToken(
            purpose: .session, subject: person.email,
            expires: Int64(now.timeIntervalSince1970) + configuration.sessionLifetime, nonce: SignedToken.makeNonce())
        var response = Self.redirect(to: "/me/", status: .seeOther)
        response.setCookie(
            Cookie(
                name: IdentityConfiguration.sessionCookieName, value: session.encoded(with: configuration.signingKey),
                maxAge: Int(configuration.sessionLifetime), path: "/", secure: configuration.secureCookies,
                httpOnly: true, sameSite: .lax))
        return response
    }
}
