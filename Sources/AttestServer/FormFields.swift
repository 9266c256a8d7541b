import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or query string, in order;
/// a checkbox group repeats its name.
struct FormFields: Hashable, Sendable {
    var fields: [(name: String, value: String)]

    static func == (a: FormFields, b: FormFields) -> Bool {
        a.fields.elementsEqual(b.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }

    /// Parses `text`; nil when a name or value has a bad percent-encoding.
    init?(parsing text: String) {
        var fields: [(name: String, value: String)] = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                return nil
            }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// Every value given for `name`.
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The single value of `name`; nil when absent.
    func first(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
