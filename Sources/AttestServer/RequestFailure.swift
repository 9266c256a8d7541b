import HTTPTypes
import TrainingRecords

/// A request the server refuses, with the status and a message for the person or the integration.
/// Nothing has been stored when one is thrown.
struct RequestFailure: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    /// Extra headers, e.g. `Allow` for 405.
    var headers: HTTPFields = [:]

    static func badRequest(_ message: String) -> RequestFailure { .init(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> RequestFailure { .init(status: .notFound, message: message) }
    static func unauthorized(_ message: String) -> RequestFailure { .init(status: .unauthorized, message: message) }
    static func forbidden(_ message: String) -> RequestFailure { .init(status: .forbidden, message: message) }
    static func unprocessable(_ message: String) -> RequestFailure {
        .init(status: .unprocessableContent, message: message)
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> RequestFailure {
        var headers = HTTPFields()
        headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return .init(
            status: .methodNotAllowed,
            message:
                "\(method.rawValue) is not allowed here; use \(allowed.map(\.rawValue).joined(separator: " or ")).",
            headers: headers)
    }

    static func tooLarge(limit: Int) -> RequestFailure {
        .init(status: .contentTooLarge, message: "The request body is larger than the limit of \(limit / 1024) KiB.")
    }

    static func unsupportedMediaType(expected: String) -> RequestFailure {
        .init(status: .unsupportedMediaType, message: "The request body must be sent as \(expected).")
    }

    /// A submission that cannot be graded (unknown question or option, a missing answer, several answers
    /// to a single-choice question): 422.
    static func grading(_ error: GradingError) -> RequestFailure {
        .unprocessable("The answers cannot be graded: \(error).")
    }
}
