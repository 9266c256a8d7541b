/// Where each field sits in a row: built once from a CSV header (any column order) or from the
/// keys of one JSON or YAML object.
struct InventoryColumns: Sendable {
    /// Index of each ``InventoryField`` by ordinal; nil when the column is absent.
    private(set) var indices: [Int?]
    /// Columns the format does not define, kept as extra values.
    private(set) var extras: [(name: String, index: Int)]
    /// The number of columns of the header.
    let count: Int
    /// The header names as written (trimmed).
    let names: [String]

    init(header: [String]) {
        indices = Array(repeating: nil, count: InventoryField.allCases.count)
        extras = []
        names = header.map { InventoryText.trimmed($0) }
        count = header.count
        for (index, name) in names.enumerated() {
            if let field = InventoryField(rawValue: name.lowercased()) {
                if indices[field.ordinal] == nil { indices[field.ordinal] = index }
            } else if !name.isEmpty {
                extras.append((name, index))
            }
        }
    }

    func index(of field: InventoryField) -> Int? { indices[field.ordinal] }

    /// The names that appear more than once, for a header diagnostic.
    var repeatedNames: [String] {
        var seen: Set<String> = [], repeated: [String] = []
        for name in names where !name.isEmpty && !seen.insert(name.lowercased()).inserted {
            if !repeated.contains(name) { repeated.append(name) }
        }
        return repeated
    }
}
