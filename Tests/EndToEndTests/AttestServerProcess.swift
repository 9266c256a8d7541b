import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `attest serve` running as a subprocess on a free loopback port, for HTTP round trips.
final class AttestServerProcess: @unchecked Sendable {
    let port: Int
    let baseURL: URL
    private let process: Process
    private let logURL: URL
    private let log: FileHandle

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `attest serve --root root --host 127.0.0.1 --port P extraArguments…` and waits
    /// until it answers HTTP (at most `timeout` seconds: a deadline for a loaded machine, not a timing).
    init(root: FixtureRoot, extraArguments: [String], timeout: Double = 180) async throws {
        guard FileManager.default.isExecutableFile(atPath: AttestExecutable.url.path) else {
            throw AttestExecutable.Missing()
        }
        port = try Self.freeLoopbackPort()
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
        logURL = root.container.appendingPathComponent("serve-\(port).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        log = try FileHandle(forWritingTo: logURL)
        process = Process()
        process.executableURL = AttestExecutable.url
        process.arguments =
            ["serve", "--root", root.url.path, "--host", "127.0.0.1", "--port", String(port)] + extraArguments
        process.currentDirectoryURL = root.url
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()

        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard process.isRunning else {
                throw StartFailure(description: "attest serve exited with \(process.terminationStatus):\n\(logText)")
            }
            if (try? await request("GET", "/")) != nil { return }
            try await Task.sleep(nanoseconds: 100_000_000)  // polling a subprocess for readiness
        }
        stop()
        throw StartFailure(description: "attest serve did not answer within \(timeout) s:\n\(logText)")
    }

    /// What the server printed so far.
    var logText: String {
        String(decoding: (try? Data(contentsOf: logURL)) ?? Data(), as: UTF8.self)
    }

    /// Stops the server (SIGTERM, then SIGKILL) and waits for it.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning, Date() < deadline { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? log.close()
    }

    /// An HTTP exchange with the server.
    struct Response: Sendable {
        var status: Int
        var body: Data
        var headers: [String: String]
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body parsed as a JSON object, nil if it is not one.
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    /// Sends one request; throws only on transport errors (any HTTP status is a response).
    func request(
        _ method: String, _ path: String, body: Data? = nil, contentType: String? = nil,
        headers: [String: String] = [:]
    ) async throws -> Response {
        var request = URLRequest(url: URL(string: path, relativeTo: baseURL)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 30
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
        let (data, response) = try await Self.session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw StartFailure(description: "not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)".lowercased()] = "\(value)" }
        return Response(status: http.statusCode, body: data, headers: headers)
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()

    /// A port that was free on 127.0.0.1 a moment ago (the kernel picks it).
    static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw StartFailure(description: "socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw StartFailure(description: "bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw StartFailure(description: "getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
