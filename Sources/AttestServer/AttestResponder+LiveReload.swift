import Hummingbird

extension AttestResponder {
    /// `GET /_attest/site-generation?known=N`: answers the site's generation as soon as it differs from N,
    /// or after 25 seconds (the page then asks again). 404 unless live reload is on.
    func waitForRebuild(_ request: Request) async throws(RequestFailure) -> Response {
        guard state.site.liveReload else { throw .notFound("There is no page at this address.") }
        let known = FormFields(parsing: request.uri.query ?? "")?.first("known").flatMap(Int.init)
        var generation = state.live.generation
        var waited = 0
        while generation == known, waited < 25_000, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
            waited += 50
            generation = state.live.generation
        }
        var headers = ServerHeaders.dynamic(contentType: "text/plain; charset=utf-8")
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "\(generation)")))
    }
}
