import Hummingbird
import SiteBuilder

/// A policy page of the built site that asks for acceptance, split where the server puts what the
/// caller may do (see ``SiteBuilder/AcceptanceFormMarkup``): the text before the opening mark, the
/// policy id, the text after the closing mark. Split once when the site is loaded.
struct AcceptanceFormPage: Sendable {
    let policyID: String
    let before: ByteBuffer
    let after: ByteBuffer

    static let startOpen = Array(AcceptanceFormMarkup.startOpen.utf8)
    static let startClose = Array(AcceptanceFormMarkup.startClose.utf8)
    static let end = Array(AcceptanceFormMarkup.end.utf8)

    /// Nil when the page has no acceptance marks (most pages: one search tells).
    init?(_ contents: [UInt8]) {
        guard let start = QuizFormPage.firstRange(of: Self.startOpen, in: contents, from: 0),
            let close = QuizFormPage.firstRange(of: Self.startClose, in: contents, from: start.upperBound),
            let end = QuizFormPage.firstRange(of: Self.end, in: contents, from: close.upperBound)
        else { return nil }
        let id = String(decoding: contents[start.upperBound..<close.lowerBound], as: UTF8.self)
        guard !id.isEmpty, id.utf8.count <= 200, !id.contains(" ") else { return nil }
        policyID = id
        before = ByteBuffer(bytes: contents[..<start.lowerBound])
        after = ByteBuffer(bytes: contents[end.upperBound...])
    }

    /// The page with `html` in place of the marked block.
    func render(_ html: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeImmutableBuffer(before)
        buffer.writeString(html)
        buffer.writeImmutableBuffer(after)
        return buffer
    }
}
