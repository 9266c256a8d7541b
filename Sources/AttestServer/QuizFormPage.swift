import Hummingbird
import SiteBuilder

/// A quiz page of the built site, split where the server fills in each response (see
/// ``SiteBuilder/QuizFormMarkup``): the caller's form token, and each question's options, which a
/// quiz with `shuffle` shows in a new order for every attempt. Split once when the site is loaded;
/// the marks around the options are left out of what is served.
struct QuizFormPage: Sendable {
    enum Part: Sendable {
        case text(ByteBuffer)
        /// The form token's value goes here.
        case formToken
        /// One question's options, each as its markup.
        case options([ByteBuffer])
    }

    /// The quiz the form posts to (from its `action`); nil when the action is not a quiz's.
    let quizID: String?
    let parts: [Part]

    /// Where the token field's empty value starts: the field without its closing `">`.
    static let formTokenMarker = Array(QuizFormMarkup.csrfTokenInput.utf8.dropLast(2))
    static let optionsStart = Array(QuizFormMarkup.optionsStart.utf8)
    static let optionStart = Array(QuizFormMarkup.optionStart.utf8)
    static let optionsEnd = Array(QuizFormMarkup.optionsEnd.utf8)
    static let quizAction = Array(#"action="/quizzes/"#.utf8)

    /// Splits `contents`; nil when it holds no quiz form (no token field). An option list whose
    /// closing mark is missing is served as built.
    init?(_ contents: [UInt8]) {
        // Most pages are not quizzes: one search tells.
        guard let tokenRange = Self.firstRange(of: Self.formTokenMarker, in: contents, from: 0) else { return nil }
        var parts: [Part] = []
        var position = 0
        var hasToken = false
        func text(_ range: Range<Int>) {
            if !range.isEmpty { parts.append(.text(ByteBuffer(bytes: contents[range]))) }
        }
        while true {
            let token = hasToken ? nil : tokenRange
            let list = Self.firstRange(of: Self.optionsStart, in: contents, from: position)
            if let token, token.lowerBound < (list?.lowerBound ?? Int.max) {
                text(position..<token.upperBound)
                parts.append(.formToken)
                position = token.upperBound
                hasToken = true
                continue
            }
            guard let list, let end = Self.firstRange(of: Self.optionsEnd, in: contents, from: list.upperBound) else {
                break
            }
            text(position..<list.lowerBound)
            var starts: [Int] = []
            var search = list.upperBound
            while let option = Self.firstRange(of: Self.optionStart, in: contents, from: search),
                option.upperBound <= end.lowerBound
            {
                starts.append(option.lowerBound)
                search = option.upperBound
            }
            // A mark alone on its line goes with its line break.
            let afterList = Self.skippingLineBreak(list.upperBound, in: contents)
            text(afterList..<max(afterList, starts.first ?? end.lowerBound))
            let options = starts.indices.map { index in
                let from = starts[index] + Self.optionStart.count
                let to = index + 1 < starts.count ? starts[index + 1] : end.lowerBound
                return ByteBuffer(bytes: contents[from..<to])
            }
            if !options.isEmpty { parts.append(.options(options)) }
            position = Self.skippingLineBreak(end.upperBound, in: contents)
        }
        text(position..<contents.count)
        self.parts = parts
        quizID = Self.quizID(in: contents)
    }

    /// The page as built (options in their built order), with `token` in the form.
    func render(token: String) -> ByteBuffer {
        render(token: token) { _ in }
    }

    /// The page with `token` in the form and each question's options shuffled with `generator`.
    func render(token: String, shufflingWith generator: inout some RandomNumberGenerator) -> ByteBuffer {
        render(token: token) { $0.shuffle(using: &generator) }
    }

    private func render(token: String, order: (inout [ByteBuffer]) -> Void) -> ByteBuffer {
        var buffer = ByteBuffer()
        for part in parts {
            switch part {
            case .text(let bytes): buffer.writeImmutableBuffer(bytes)
            case .formToken: buffer.writeString(token)
            case .options(let options):
                var options = options
                order(&options)
                for option in options { buffer.writeImmutableBuffer(option) }
            }
        }
        return buffer
    }

    /// The quiz id in the page's first `action="/quizzes/ID/attempt"`.
    static func quizID(in contents: [UInt8]) -> String? {
        guard let start = firstRange(of: quizAction, in: contents, from: 0) else { return nil }
        let from = start.lowerBound + #"action=""#.utf8.count
        guard let quote = contents[from...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return QuizFormMarkup.quizID(fromAction: String(decoding: contents[from..<quote], as: UTF8.self))
    }

    /// `index`, or the index after it when a line break is there.
    static func skippingLineBreak(_ index: Int, in contents: [UInt8]) -> Int {
        index < contents.count && contents[index] == UInt8(ascii: "\n") ? index + 1 : index
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                return index..<index + needle.count
            }
            index += 1
        }
        return nil
    }
}
