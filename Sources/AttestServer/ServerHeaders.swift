import HTTPTypes

/// Headers every response carries.
enum ServerHeaders {
    /// No sniffing, no framing (clickjacking), and no Referer leaving the site: invitation links carry
    /// a token in their query, which must not leak to other sites through links on the page it opens.
    static let security: HTTPFields = {
        var fields = HTTPFields()
        fields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        fields[HTTPField.Name("X-Frame-Options")!] = "DENY"
        fields[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return fields
    }()

    /// For pages made per request (results, personal pages, errors).
    static func dynamic(contentType: String) -> HTTPFields {
        var fields = security
        fields[.contentType] = contentType
        fields[.cacheControl] = "private, no-store"
        return fields
    }
}
