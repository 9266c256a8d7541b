import Hummingbird
import TrainingRecords

/// The server's responder: for each request, takes one snapshot of the ``LiveContent`` (site,
/// roster, quizzes, admins, pages of one generation) and answers with an ``AttestResponder`` over
/// that snapshot alone.
public struct LiveResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let live: LiveContent
    let store: any RecordStore
    let resolver: IdentityResolver
    let settings: ServerSettings

    public func respond(to request: Request, context: Context) async throws -> Response {
        let state = AttestResponder.State(
            content: live.snapshot(), live: live, store: store, resolver: resolver, settings: settings)
        return try await AttestResponder(state: state).respond(to: request, context: context)
    }
}
