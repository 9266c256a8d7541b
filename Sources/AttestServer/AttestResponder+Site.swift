import Foundation
import HTTPTypes
import Hummingbird

extension AttestResponder {
    /// A file of the built site, from memory. Quiz pages get the caller's form token and, for a quiz
    /// that shuffles (the default), each question's options in a new order: every attempt starts
    /// from its own order, and answers are graded by option id whatever the order.
    func siteResponse(_ request: Request) async -> Response {
        switch state.site.lookup(request.uri.path) {
        case .file(let file):
            if let page = file.acceptanceForm {
                let html = await acceptanceBlock(policyID: page.policyID, request: request)
                return Response(status: .ok, headers: file.headers, body: ResponseBody(byteBuffer: page.render(html)))
            }
            if let form = file.quizForm {
                let token = formToken(for: request) ?? ""
                let body: ByteBuffer
                if let id = form.quizID, state.quizzes[id]?.quiz.shuffle == true {
                    var generator = ServerSettings.RandomSource(random: state.settings.random)
                    body = form.render(token: token, shufflingWith: &generator)
                } else {
                    body = form.render(token: token)
                }
                return Response(status: .ok, headers: file.headers, body: ResponseBody(byteBuffer: body))
            }
            if let match = request.headers[.ifNoneMatch], match.contains(file.entityTag) || match == "*" {
                return Response(status: .notModified, headers: file.headers)
            }
            return Response(status: .ok, headers: file.headers, body: ResponseBody(byteBuffer: file.body))
        case .redirect(let location):
            return Self.redirect(to: location, status: .movedPermanently)
        case .notFound:
            return errorResponse(.notFound("There is no page at this address."), json: false)
        case .badPath(let message):
            return errorResponse(.badRequest("Bad address: \(message)."), json: false)
        }
    }

    /// The form token for the caller, nil when nobody is identified (the submission will then get 401).
    func formToken(for request: Request) -> String? {
        let now = state.settings.now()
        guard case .identified(let caller) = state.resolver.resolve(request, now: now) else { return nil }
        let token = SignedToken(
            purpose: .formToken, subject: caller.email,
            expires: Int64(now.timeIntervalSince1970) + state.resolver.configuration.formTokenLifetime,
            nonce: caller.bindingNonce)
        return token.encoded(with: state.resolver.configuration.signingKey)
    }
}
