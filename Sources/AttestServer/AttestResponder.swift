import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import Secrets
import SiteBuilder
import TrainingRecords

/// Answers one request with the state it came in with: routes it to the built site from memory, quiz
/// submissions, invitations, personal and admin pages, or the JSON API. Paths that exist answer 405
/// (with `Allow`) to other methods. ``LiveResponder`` makes one per request.
struct AttestResponder: Sendable {
    typealias Context = BasicRequestContext

    /// Everything a request may need: the site and the handbook of one generation (a snapshot taken
    /// when the request came in, which a rebuild under `--watch` cannot change halfway through), and
    /// the server's fixed parts.
    struct State: Sendable {
        let content: ServedContent
        /// Read only by the live-reload wait, which waits for the next generation.
        let live: LiveContent
        let store: any RecordStore
        let resolver: IdentityResolver
        let settings: ServerSettings

        var site: StaticSite { content.site }
        var handbook: Handbook { content.handbook.handbook }
        var roster: Roster { content.handbook.roster }
        var pages: ServerPages { content.handbook.pages }
        var quizzes: [String: ServedQuiz] { content.handbook.quizzes }
        var quizTitles: [String: String] { content.handbook.quizTitles }
        var admins: Set<String> { content.handbook.admins }
        var policyPages: [String: (title: String, path: String)] { content.handbook.policyPages }
    }

    let state: State

    /// The routes other than the site's files.
    enum Route: Equatable {
        case quizAttempt(String)
        case policyAcceptance(String)
        case apiAttempts, apiMe, apiStatus, apiUnknown
        case invite, myTraining, adminStatus, liveReload
        case redirect(String)
        case site
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let route = Self.route(path)
        do {
            var response = try await respond(to: request, route: route, context: context)
            if request.method == .head { response = response.createHeadResponse() }
            return response
        } catch let failure as RequestFailure {
            return errorResponse(failure, json: Self.isAPI(route))
        }
    }

    static func isAPI(_ route: Route) -> Bool {
        switch route {
        case .apiAttempts, .apiMe, .apiStatus, .apiUnknown: true
        default: false
        }
    }

    static func route(_ path: String) -> Route {
        if path.hasPrefix("/api/") {
            switch path {
            case "/api/v1/attempts": return .apiAttempts
            case "/api/v1/me": return .apiMe
            case "/api/v1/training/status": return .apiStatus
            default: return .apiUnknown
            }
        }
        switch path {
        case "/invite": return .invite
        case LiveReload.path: return .liveReload
        case "/me/": return .myTraining
        case "/me": return .redirect("/me/")
        case "/admin/training/": return .adminStatus
        case "/admin/training": return .redirect("/admin/training/")
        default: break
        }
        if path.hasPrefix("/policies/"), path.hasSuffix("/accept"),
            let id = AcceptanceFormMarkup.policyID(fromAction: path)
        {
            return .policyAcceptance(id.removingPercentEncoding ?? id)
        }
        // Only split what may be a submission: page requests take the fast path to the site.
        guard path.hasPrefix("/quizzes/"), path.hasSuffix("/attempt") else { return .site }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "quizzes", ID, "attempt"
        if segments.count == 4, segments[1] == "quizzes", segments[3] == "attempt", !segments[2].isEmpty {
            return .quizAttempt(String(segments[2]).removingPercentEncoding ?? String(segments[2]))
        }
        return .site
    }

    private func respond(to request: Request, route: Route, context: Context) async throws -> Response {
        switch route {
        case .site:
            try Self.allow(request, [.get, .head])
            return await siteResponse(request)
        case .redirect(let location):
            try Self.allow(request, [.get, .head])
            return Self.redirect(to: location, status: .movedPermanently)
        case .invite:
            try Self.allow(request, [.get, .head, .post])
            return request.method == .post ? try await openInvitation(request) : try invitationPage(request)
        case .myTraining:
            try Self.allow(request, [.get, .head])
            return try await myTrainingPage(request)
        case .adminStatus:
            try Self.allow(request, [.get, .head])
            return try await adminStatusPage(request)
        case .quizAttempt(let quizID):
            try Self.allow(request, [.post])
            return try await submitForm(request, quizID: quizID)
        case .policyAcceptance(let policyID):
            try Self.allow(request, [.post])
            return try await submitAcceptance(request, policyID: policyID)
        case .liveReload:
            try Self.allow(request, [.get])
            return try await waitForRebuild(request)
        case .apiAttempts:
            try Self.allow(request, [.post])
            return try await submitJSON(request)
        case .apiMe:
            try Self.allow(request, [.get, .head])
            return try await myTrainingJSON(request)
        case .apiStatus:
            try Self.allow(request, [.get, .head])
            return try await trainingStatusJSON(request)
        case .apiUnknown:
            throw RequestFailure.notFound(
                "There is no API endpoint \(request.uri.path); see POST /api/v1/attempts, GET /api/v1/me and "
                    + "GET /api/v1/training/status.")
        }
    }

    static func allow(_ request: Request, _ methods: [HTTPRequest.Method]) throws(RequestFailure) {
        guard methods.contains(request.method) else { throw .methodNotAllowed(request.method, allowed: methods) }
    }

    static func redirect(to location: String, status: HTTPResponse.Status) -> Response {
        var headers = ServerHeaders.security
        headers[.location] = location
        headers[.cacheControl] = "no-cache"
        return Response(status: status, headers: headers)
    }

    /// The refusal as JSON or as a page. Its message can quote what the client sent (a quiz id, a
    /// member's name), so it goes through the redactor first: a secret pasted into a request is
    /// never written back in full.
    func errorResponse(_ failure: RequestFailure, json: Bool) -> Response {
        var failure = failure
        SecretRedactor.standard.redactInPlace(&failure.message)
        var response: Response
        if json {
            struct ErrorPayload: Encodable {
                var error: String
                var status: Int
            }
            response = Self.jsonResponse(
                ErrorPayload(error: failure.message, status: failure.status.code), status: failure.status)
        } else {
            response = Self.htmlResponse(state.pages.error(failure), status: failure.status)
        }
        for field in failure.headers { response.headers.append(field) }
        return response
    }

    static func htmlResponse(_ html: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: ServerHeaders.dynamic(contentType: "text/html; charset=utf-8"),
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: ServerHeaders.dynamic(contentType: "application/json"),
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
