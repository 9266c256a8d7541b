import Synchronization

/// Renders a theme's templates for thousands of contexts that share a few shapes, rendering each
/// template once per shape rather than once per page.
///
/// The shape of a context is everything in it but its texts: its names, numbers, flags, the length
/// of its lists, and which texts are empty. Mustache's output for a template depends on the shape;
/// the texts only land in it, escaped by `{{name}}` or as they are by `{{{name}}}`. So the first
/// context of a shape is rendered by the template engine (swift-mustache) with a marker in place of
/// each text; the output, cut at the markers, is the shape's frame, and every later context of that
/// shape is its frame with its texts spliced in: no lookups, casts or escaping per token.
///
/// The frame is rendered twice, with two sets of markers of different lengths, letters and order,
/// and kept only when both give the same frame: a template whose output depends on a text's content
/// (a transform such as `{{uppercased(title)}}`, `sorted`, a lambda) is rendered for each context
/// by the engine itself. Texts are escaped exactly as swift-mustache escapes them, so that a
/// spliced page and a rendered one are byte for byte the same.
final class TemplateFrames: Sendable {
    let theme: SiteTheme
    private let state = Mutex(State())

    private struct State {
        var frames: [Key: Entry] = [:]
        /// Per template: frames made, and contexts rendered.
        var made: [String: Int] = [:]
        var rendered: [String: Int] = [:]
    }

    private struct Key: Hashable {
        var template: String
        var shape: [UInt8]
    }

    private enum Entry {
        case frame(Frame)
        /// The template's output depends on this shape's texts: rendered by the engine each time.
        case unframeable
    }

    /// A template's output for one shape: literal bytes, and where each text goes.
    struct Frame: Sendable, Equatable {
        enum Piece: Sendable, Equatable {
            case literal([UInt8])
            /// The text at this index of the context's texts (in ``TemplateFrames/texts(of:)`` order).
            case text(Int, escaped: Bool)
        }
        var pieces: [Piece]
    }

    init(theme: SiteTheme) {
        self.theme = theme
    }

    /// Renders the template `template` with `context`, appending the output to `output`.
    func render(_ template: String, _ context: TemplateObject, into output: inout [UInt8]) {
        var shape: [UInt8] = []
        var texts: [String] = []
        Self.walk(.object(context), shape: &shape, texts: &texts)
        let key = Key(template: template, shape: shape)
        let entry: Entry? = state.withLock { state in
            state.rendered[template, default: 0] += 1
            if let known = state.frames[key] { return known }
            // Making a frame renders twice: stop once most shapes of a template are new (every page
            // of a varied handbook its own shape), and render those pages once, directly.
            let made = state.made[template, default: 0]
            return made < 16 || made * 4 <= state.rendered[template, default: 0] ? nil : .unframeable
        }
        switch entry {
        case .frame(let frame):
            Self.splice(texts, into: frame, output: &output)
        case .unframeable:
            output.append(contentsOf: theme.render(template, context: context.mustacheValue).utf8)
        case nil:
            let made = makeFrame(template, context)
            state.withLock { state in
                if state.frames[key] == nil { state.made[template, default: 0] += 1 }
                state.frames[key] = made.map(Entry.frame) ?? .unframeable
            }
            if let made {
                Self.splice(texts, into: made, output: &output)
            } else {
                output.append(contentsOf: theme.render(template, context: context.mustacheValue).utf8)
            }
        }
    }

    /// Renders the template `template` with `context`.
    func render(_ template: String, _ context: TemplateObject) -> String {
        var output: [UInt8] = []
        render(template, context, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Shapes and texts

    /// Appends the shape of `value` to `shape` and its non-empty texts, in order, to `texts`.
    private static func walk(_ value: TemplateValue, shape: inout [UInt8], texts: inout [String]) {
        switch value {
        case .text(let text):
            if text.isEmpty {
                shape.append(1)
            } else {
                shape.append(2)
                texts.append(text)
            }
        case .number(let number):
            shape.append(3)
            withUnsafeBytes(of: number.littleEndian) { shape.append(contentsOf: $0) }
        case .flag(let flag):
            shape.append(flag ? 5 : 4)
        case .list(let items):
            shape.append(6)
            withUnsafeBytes(of: UInt32(items.count).littleEndian) { shape.append(contentsOf: $0) }
            for item in items { walk(item, shape: &shape, texts: &texts) }
        case .object(let object):
            shape.append(7)
            withUnsafeBytes(of: UInt32(object.names.count).littleEndian) { shape.append(contentsOf: $0) }
            for (name, value) in zip(object.names, object.values) {
                shape.append(contentsOf: name.utf8)
                shape.append(0)
                walk(value, shape: &shape, texts: &texts)
            }
        }
    }

    /// `value` as the engine reads it, each non-empty text replaced by its marker (numbered in walk order).
    private static func marked(_ value: TemplateValue, set: MarkerSet, next: inout Int) -> Any {
        switch value {
        case .text(let text):
            guard !text.isEmpty else { return text }
            defer { next += 1 }
            return set.marker(next)
        case .number, .flag: return value.mustacheValue
        case .list(let items): return items.map { marked($0, set: set, next: &next) }
        case .object(let object):
            var dictionary: [String: Any] = [:]
            for (name, value) in zip(object.names, object.values) {
                dictionary[name] = marked(value, set: set, next: &next)
            }
            return dictionary
        }
    }

    // MARK: - Frames

    /// Two sets of markers that differ in length, letters and the order they sort in.
    private enum MarkerSet {
        case first, second

        static let start: UInt8 = 0x01
        static let end: UInt8 = 0x02
        private static let base = 999_999

        /// `\u{1}&a7\u{2}` and `\u{1}&ZZ999992\u{2}` for text 7.
        func marker(_ index: Int) -> String {
            switch self {
            case .first: "\u{1}&a\(index)\u{2}"
            case .second: "\u{1}&ZZ\(Self.base - index)\u{2}"
            }
        }

        var tag: [UInt8] { self == .first ? [UInt8(ascii: "a")] : Array("ZZ".utf8) }

        func index(_ number: Int) -> Int { self == .first ? number : Self.base - number }
    }

    private func makeFrame(_ template: String, _ context: TemplateObject) -> Frame? {
        var frames: [Frame] = []
        for set in [MarkerSet.first, .second] {
            var next = 0
            let marked = Self.marked(.object(context), set: set, next: &next)
            guard next < 900_000,  // markers have six digits
                let frame = Self.frame(of: Array(theme.render(template, context: marked).utf8), set: set)
            else {
                return nil
            }
            frames.append(frame)
        }
        return frames[0] == frames[1] ? frames[0] : nil
    }

    /// Cuts `output` at its markers; nil when a marker was changed on the way (by a transform).
    private static func frame(of output: [UInt8], set: MarkerSet) -> Frame? {
        var pieces: [Frame.Piece] = []
        var literal: [UInt8] = []
        let tag = set.tag
        let escapedAmpersand = Array("&amp;".utf8)
        var index = 0
        while index < output.count {
            let byte = output[index]
            guard byte == MarkerSet.start else {
                literal.append(byte)
                index += 1
                continue
            }
            var cursor = index + 1
            func skip(_ bytes: [UInt8]) -> Bool {
                guard cursor + bytes.count <= output.count, Array(output[cursor..<cursor + bytes.count]) == bytes
                else { return false }
                cursor += bytes.count
                return true
            }
            let escaped: Bool
            if skip(escapedAmpersand) {
                escaped = true
            } else if skip([UInt8(ascii: "&")]) {
                escaped = false
            } else {
                return nil
            }
            guard skip(tag) else { return nil }
            var number = 0
            var digits = 0
            while cursor < output.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(output[cursor]), digits < 7 {
                number = number * 10 + Int(output[cursor] - UInt8(ascii: "0"))
                digits += 1
                cursor += 1
            }
            guard digits > 0, cursor < output.count, output[cursor] == MarkerSet.end else { return nil }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = []
            }
            pieces.append(.text(set.index(number), escaped: escaped))
            index = cursor + 1
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return Frame(pieces: pieces)
    }

    private static func splice(_ texts: [String], into frame: Frame, output: inout [UInt8]) {
        for piece in frame.pieces {
            switch piece {
            case .literal(let bytes): output.append(contentsOf: bytes)
            case .text(let index, let escaped):
                guard index < texts.count else { continue }
                if escaped {
                    appendEscaped(texts[index], to: &output)
                } else {
                    output.append(contentsOf: texts[index].utf8)
                }
            }
        }
    }

    /// Appends `text` escaped for HTML exactly as swift-mustache's `htmlEscape` does it: `<`, `>`,
    /// `&`, `"` and `'` replaced, character by character (so a quote joined to a combining mark, one
    /// character, stays as it is, as there). Texts without any of those bytes are copied whole.
    static func appendEscaped(_ text: String, to output: inout [UInt8]) {
        let special = text.utf8.contains { byte in
            byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        guard special else {
            output.append(contentsOf: text.utf8)
            return
        }
        for character in text {
            switch character {
            case "<": output.append(contentsOf: "&lt;".utf8)
            case ">": output.append(contentsOf: "&gt;".utf8)
            case "&": output.append(contentsOf: "&amp;".utf8)
            case "\"": output.append(contentsOf: "&quot;".utf8)
            case "'": output.append(contentsOf: "&#39;".utf8)
            default: output.append(contentsOf: character.utf8)
            }
        }
    }
}
