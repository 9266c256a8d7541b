import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts one JSON message to a chat webhook with async-http-client. A 2xx answer is success; any
/// other status, a timeout or a connection error is a ``WebhookFailure``.
public struct WebhookPoster: Sendable {
    public let address: WebhookAddress
    public let timeout: TimeAmount

    public init(address: WebhookAddress, timeout: TimeAmount = .seconds(10)) {
        self.address = address
        self.timeout = timeout
    }

    public func post(_ body: [UInt8]) async throws(WebhookFailure) {
        var request = HTTPClientRequest(url: address.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "attest-reminders")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw .timedOut(address.display)
        } catch {
            let detail = Self.describe(error).replacingOccurrences(of: address.url, with: address.display)
            throw .unreachable("\(address.display): \(detail)")
        }
        let text: String
        do {
            let collected = try await response.body.collect(upTo: 4096)
            text = String(buffer: collected)
        } catch {
            text = ""
        }
        guard (200..<300).contains(Int(response.status.code)) else {
            let shown = text.count > 200 ? String(text.prefix(200)) + "…" : text
            throw .status(Int(response.status.code), address.display, shown)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return "\(error)"
    }
}

/// Why a webhook post failed. Never holds the webhook's secret path.
public enum WebhookFailure: Error, Hashable, Sendable, CustomStringConvertible {
    case unreachable(String)
    case timedOut(String)
    case status(Int, String, String)

    public var description: String {
        switch self {
        case .unreachable(let detail): "cannot post: \(detail)"
        case .timedOut(let where_): "\(where_) did not answer in time"
        case .status(let code, let where_, let body):
            "\(where_) answered HTTP \(code)"
                + (body.isEmpty ? "" : ": \(body.replacingOccurrences(of: "\n", with: " "))")
        }
    }
}
