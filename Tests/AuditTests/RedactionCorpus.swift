import Foundation
import Secrets
import Testing

/// The redaction corpus of issue 10: the contexts of `Tests/RedactionCorpus/contexts.txt` (where a
/// secret can stand inside a value) and one secret of each shape, with what no output may hold.
///
/// The secrets are generated (a fixed seed), so that no key-like literal sits in the repository.
enum RedactionCorpus {
    /// One secret and what must never be written of it.
    struct Shape: Sendable, CustomStringConvertible {
        var name: String
        var prefix: String
        var body: String
        var secret: String { prefix + body }
        var description: String { name }

        /// What redaction shows when the secret stands alone: the prefix, "…" and the last four.
        var redacted: String { prefix + "…" + String(body.suffix(4)) }

        /// Lowercased texts no output may hold: the secret, its body without the last four
        /// characters, and each 8-character piece of that body's runs of letters and digits (so
        /// that a writer escaping `/` or `+`, or a field read lowercased, cannot hide a leak).
        var forbidden: [String] {
            let hidden = String(body.dropLast(4))
            var texts = [secret, hidden]
            for run in hidden.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                let characters = Array(run)
                for start in stride(from: 0, to: characters.count - 7, by: 8) {
                    texts.append(String(characters[start..<(start + 8)]))
                }
            }
            return texts.map { $0.lowercased() }
        }
    }

    static let alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

    /// `count` characters of `alphabet`, the same for the same seed.
    static func body(_ count: Int, _ alphabet: String, seed: UInt64) -> String {
        let characters = Array(alphabet)
        var state = seed
        return String(
            (0..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return characters[Int((state >> 33) % UInt64(characters.count))]
            })
    }

    /// An AWS secret access key: 40 characters of the base64 alphabet, with a `/` and a `+`.
    static let awsBody: String = {
        var characters = Array(body(40, alphanumeric, seed: 6))
        characters[13] = "/"
        characters[27] = "+"
        return String(characters)
    }()

    /// The built-in shapes: Stripe secret and restricted keys (live and test), webhook signing
    /// secrets, AWS secret access keys.
    static let builtInShapes: [Shape] = [
        Shape(name: "stripe-secret-live", prefix: "sk_live_", body: body(99, alphanumeric, seed: 1)),
        Shape(name: "stripe-secret-test", prefix: "sk_test_", body: body(99, alphanumeric, seed: 2)),
        Shape(name: "stripe-restricted-live", prefix: "rk_live_", body: body(99, alphanumeric, seed: 3)),
        Shape(name: "stripe-restricted-test", prefix: "rk_test_", body: body(99, alphanumeric, seed: 4)),
        Shape(name: "stripe-webhook-secret", prefix: "whsec_", body: body(32, alphanumeric, seed: 5)),
        Shape(name: "aws-secret-access-key", prefix: "", body: awsBody),
    ]

    /// A handbook's own rule (as `content/scan-rules.yml` declares them): a fixed-length token.
    static let customRule = SecretRule(
        id: "acme-token", title: "Acme token", severity: .high, prefix: "acme_", alphabet: ByteSet("a-f0-9"),
        length: 32...32)
    static let customShape = Shape(
        name: "acme-token (custom rule)", prefix: "acme_", body: body(32, "0123456789abcdef", seed: 7))
    /// The redactor of a handbook with that rule.
    static let customRedactor = SecretRedactor(
        catalogue: SecretCatalogue(rules: SecretCatalogue.builtInRules + [customRule]))

    /// Every shape, with the redactor that knows it.
    static let shapes: [(shape: Shape, redactor: SecretRedactor)] =
        builtInShapes.map { ($0, SecretRedactor.standard) } + [(customShape, customRedactor)]

    /// The contexts, `{S}` standing for the secret.
    static let contexts: [String] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RedactionCorpus/contexts.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            var result = "", escaped = false
            for character in line {
                if escaped {
                    result.append(character == "t" ? "\t" : character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    result.append(character)
                }
            }
            return result
        }
    }()

    /// Each context with `shape`'s secret in it.
    static func values(_ shape: Shape) -> [String] {
        contexts.map { $0.replacingOccurrences(of: "{S}", with: shape.secret) }
    }

    /// Records an issue when `output` holds a forbidden text of `shape`.
    static func expectNoLeak(
        _ output: String, _ shape: Shape, _ what: @autoclosure () -> String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let text = LeakFinder(shape.forbidden).firstLeak(in: output) else { return }
        let line = output.split(separator: "\n").first { $0.lowercased().contains(text) } ?? ""
        Issue.record("\(what()) holds '\(text)' of \(shape.name): \(line.prefix(300))", sourceLocation: sourceLocation)
    }

    /// `text` as a CSV field, always quoted.
    static func csvField(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// `text` as a JSON string (also a YAML double-quoted scalar).
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// Finds any of a few texts (8 bytes or longer) in a large output in one pass over its bytes,
/// ASCII case ignored: the texts are indexed by their first 8 bytes, each 8-byte window of the
/// output is looked up, and a hit compared in full. (String.contains on megabytes of reports, once
/// per text, is what made this test slow.)
struct LeakFinder {
    private var byWindow: [UInt64: [[UInt8]]] = [:]

    init(_ texts: [String]) {
        for text in texts {
            let bytes = Array(text.lowercased().utf8)
            precondition(bytes.count >= 8, "a forbidden text has at least 8 bytes")
            byWindow[Self.window(bytes, 0), default: []].append(bytes)
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

    private static func window(_ bytes: [UInt8], _ start: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in start..<(start + 8) { value = value << 8 | UInt64(lower(bytes[index])) }
        return value
    }

    /// The first text found in `output`, nil when none is.
    func firstLeak(in output: String) -> String? {
        let bytes = Array(output.utf8)
        guard bytes.count >= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<bytes.count {
            value = value << 8 | UInt64(Self.lower(bytes[index]))
            guard index >= 7, let candidates = byWindow[value] else { continue }
            let start = index - 7
            for text in candidates where start + text.count <= bytes.count {
                if (0..<text.count).allSatisfy({ Self.lower(bytes[start + $0]) == text[$0] }) {
                    return String(decoding: text, as: UTF8.self)
                }
            }
        }
        return nil
    }
}
