import Foundation
import HTTPTypes
import HandbookContent
import Hummingbird
import TrainingRecords

extension AttestResponder {
    /// `POST /quizzes/ID/attempt` from the quiz page's form: checks the caller, the form token and the
    /// answers, grades, stores, and shows the result (201). Any refusal stores nothing.
    func submitForm(_ request: Request, quizID: String) async throws(RequestFailure) -> Response {
        let (caller, _) = try requirePerson(request)
        try Self.requireContentType(request, "application/x-www-form-urlencoded")
        let body = try await collectBody(request)
        guard let fields = FormFields(parsing: String(buffer: body)) else {
            throw .badRequest("The form could not be read (bad percent-encoding).")
        }
        try checkForgeryProtection(request, fields: fields, caller: caller)
        guard let quiz = state.quizzes[quizID] else { throw Self.unknownQuiz(quizID) }
        var answers: [String: [String]] = [:]
        for field in fields.fields where field.name != "csrf_token" {
            guard field.name.hasPrefix("q") else { continue }
            answers[String(field.name.dropFirst()), default: []].append(field.value)
        }
        let (grade, record) = try await record(quiz: quiz, answers: answers, caller: caller)
        let html = state.pages.quizResult(quiz: quiz, grade: grade, record: record, isAdmin: isAdmin(caller.email))
        return Self.htmlResponse(html, status: .created)
    }

    /// `POST /api/v1/attempts` with `{"quiz": ID, "answers": {"1": ["b"]}}`: 201 with the stored record.
    ///
    /// Requires `Content-Type: application/json`, which a cross-site form cannot send without a CORS
    /// preflight (which this server never grants), so the API needs no form token.
    func submitJSON(_ request: Request) async throws(RequestFailure) -> Response {
        let (caller, _) = try requirePerson(request)
        try Self.requireContentType(request, "application/json")
        let body = try await collectBody(request)
        let submission: AttemptRequest
        do throws(AttemptRequest.Unreadable) {
            submission = try AttemptRequest(json: String(buffer: body))
        } catch {
            throw .badRequest(
                "The body is not valid JSON of the form {\"quiz\": ID, \"answers\": {\"1\": [\"b\"]}}: \(error)")
        }
        guard let quiz = state.quizzes[submission.quiz] else { throw Self.unknownQuiz(submission.quiz) }
        let (_, record) = try await record(quiz: quiz, answers: submission.answers, caller: caller)
        return Self.jsonResponse(AttemptResponse(record), status: .created)
    }

    /// Grades on the server against the loaded quiz and stores the attempt. Returns only once the store
    /// has made the record durable, so a 2xx always means a kept record.
    func record(
        quiz: ServedQuiz, answers: [String: [String]], caller: CallerIdentity
    ) async throws(RequestFailure) -> (GradeResult, AttemptRecord) {
        let grade: GradeResult
        do throws(GradingError) {
            grade = try Grader.grade(quiz: quiz.quiz, answers: answers)
        } catch {
            throw .grading(error)
        }
        let attempt = NewAttempt(
            person: caller.email, quizID: quiz.quiz.id, quizContentSHA256: quiz.quiz.contentSHA256,
            policyVersions: quiz.policyVersions, answers: grade.answers, scorePercent: grade.scorePercent,
            passed: grade.passed, identitySource: caller.source.rawValue)
        do {
            return (grade, try await state.store.append(attempt))
        } catch {
            throw RequestFailure(
                status: .serviceUnavailable,
                message: "The attempt could not be recorded (\(error)); nothing was stored. Please submit again.")
        }
    }

    static func unknownQuiz(_ id: String) -> RequestFailure {
        .notFound("There is no quiz '\(id)'.")
    }

    /// Cross-site request forgery protection for form posts (see ``SignedToken/Purpose/formToken``):
    /// the hidden `csrf_token` must be a valid, unexpired token signed by this server for this very
    /// caller and session. Browsers' `Sec-Fetch-Site: cross-site` and a foreign `Origin` are refused too.
    func checkForgeryProtection(
        _ request: Request, fields: FormFields, caller: CallerIdentity
    ) throws(RequestFailure) {
        try refuseCrossSite(request)
        let tokens = fields.values("csrf_token")
        guard tokens.count == 1, let text = tokens.first, !text.isEmpty else {
            throw .forbidden("The form has no security token (csrf_token); reload the page and submit again.")
        }
        let configuration = state.resolver.configuration
        switch SignedToken.decode(text, purpose: .formToken, key: configuration.signingKey, now: state.settings.now()) {
        case .success(let token):
            guard token.subject == caller.email, token.nonce == caller.bindingNonce else {
                throw .forbidden("The form's security token belongs to another session; reload the page.")
            }
        case .failure(.expired):
            throw .forbidden("The form's security token has expired; reload the page and submit again.")
        case .failure:
            throw .forbidden("The form's security token is not valid; reload the page and submit again.")
        }
    }

    /// Refuses a form posted from another site, as browsers tell (`Sec-Fetch-Site`, `Origin`).
    func refuseCrossSite(_ request: Request) throws(RequestFailure) {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site.lowercased() == "cross-site" {
            throw .forbidden("Cross-site form submissions are refused.")
        }
        if let origin = request.headers[HTTPField.Name("Origin")!], !isSameOrigin(origin, request: request) {
            throw .forbidden("The form was submitted from another site (\(origin)); submissions are refused.")
        }
    }

    /// Whether an `Origin` header names this server: the request's own host, the proxy's forwarded host,
    /// or the handbook's base URL.
    func isSameOrigin(_ origin: String, request: Request) -> Bool {
        guard let originHost = Self.authority(of: origin) else { return false }
        var hosts: [String] = []
        if let authority = request.head.authority { hosts.append(authority.lowercased()) }
        if let forwarded = request.headers[HTTPField.Name("X-Forwarded-Host")!] { hosts.append(forwarded.lowercased()) }
        if let base = Self.authority(of: state.handbook.config.baseURL) { hosts.append(base) }
        return hosts.contains(originHost)
    }

    /// `host[:port]` of `scheme://host[:port]/…`, lowercased.
    static func authority(of url: String) -> String? {
        guard let range = url.range(of: "://") else { return nil }
        let rest = url[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.isEmpty ? nil : authority.lowercased()
    }

    static func requireContentType(_ request: Request, _ expected: String) throws(RequestFailure) {
        // The media type before any parameters (`; charset=…`), trimmed by hand: Foundation's
        // trimming showed as 3% of a training rush's CPU.
        var given = request.headers[.contentType]?.prefix { $0 != ";" } ?? ""
        while given.first?.isWhitespace == true { given.removeFirst() }
        while given.last?.isWhitespace == true { given.removeLast() }
        guard given.lowercased() == expected else { throw .unsupportedMediaType(expected: expected) }
    }

    /// The body, up to the size limit (413 beyond it, checked from Content-Length first).
    func collectBody(_ request: Request) async throws(RequestFailure) -> ByteBuffer {
        let limit = state.settings.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw .tooLarge(limit: limit)
        }
        var collected = ByteBuffer()
        do {
            for try await part in request.body {
                guard collected.readableBytes + part.readableBytes <= limit else {
                    throw RequestFailure.tooLarge(limit: limit)
                }
                collected.writeImmutableBuffer(part)
            }
        } catch let failure as RequestFailure {
            throw failure
        } catch {
            throw .badRequest("The request body could not be read.")
        }
        return collected
    }
}
