import Foundation
import HTTPTypes
import Hummingbird

extension AttestResponder {
    /// A file of the built site, from memory. Quiz pages get the caller's form token.
    func siteResponse(_ request: Request) -> Response {
        switch state.site.lookup(request.uri.path) {
        case .file(let file):
            if let slot = file.formTokenSlot {
                let token = formToken(for: request) ?? ""
                var buffer = ByteBuffer()
                buffer.reserveCapacity(slot.before.readableBytes + token.utf8.count + slot.after.readableBytes)
                buffer.writeImmutableBuffer(slot.before)
                buffer.writeString(token)
                buffer.writeImmutableBuffer(slot.after)
                return Response(status: .ok, headers: file.headers, body: ResponseBody(byteBuffer: buffer))
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
