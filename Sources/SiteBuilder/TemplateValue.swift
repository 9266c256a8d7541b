/// A value a theme template sees, as a plain value: what the site builder prepares for each page
/// before anything is rendered. Rendering turns it into what the template engine reads
/// (``mustacheValue``), or splices its texts into a frame of the template (``TemplateFrames``).
enum TemplateValue: Sendable, Equatable {
    /// Inserted escaped by `{{name}}`, as is by `{{{name}}}`.
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(TemplateObject)

    /// The value as swift-mustache reads it: strings, integers, booleans, arrays and dictionaries.
    var mustacheValue: Any {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .list(let items): items.map(\.mustacheValue)
        case .object(let object): object.mustacheValue
        }
    }
}

/// Named template values, in the order they were set: the context of one template, or one item of
/// a list. Objects are small (a page's context has about twenty names), so lookups are a scan.
struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private(set) var names: [String] = []
    private(set) var values: [TemplateValue] = []

    init() {}

    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// The value named `name`; setting nil removes it.
    subscript(name: String) -> TemplateValue? {
        get { names.firstIndex(of: name).map { values[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                if let newValue {
                    values[index] = newValue
                } else {
                    names.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                names.append(name)
                values.append(newValue)
            }
        }
    }

    /// The object as swift-mustache reads it.
    var mustacheValue: [String: Any] {
        var dictionary: [String: Any] = [:]
        dictionary.reserveCapacity(names.count)
        for (name, value) in zip(names, values) { dictionary[name] = value.mustacheValue }
        return dictionary
    }
}
