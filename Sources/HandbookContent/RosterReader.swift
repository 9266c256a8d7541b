/// Reads the roster: a people CSV with a header row.
///
/// Columns (any order): `email` and `name` (required), `team`, `groups` (`;`-separated), `active`
/// (`true`/`false`, default true), `start_date` (`YYYY-MM-DD`), `manager` (email). Every bad row is
/// reported at its file line and the column of the bad field; unknown columns are warnings.
public enum RosterReader {
    /// Columns the header must have.
    public static let requiredColumns = ["email", "name"]
    /// Every column understood; others are warnings.
    public static let knownColumns = ["email", "name", "team", "groups", "active", "start_date", "manager"]

    /// Reads the roster at `path`: relative to `root` (as `people` in handbook.yml) unless absolute.
    /// Diagnostics name `path` as given.
    public static func read(root: String, path: String) -> (roster: Roster?, diagnostics: [Diagnostic]) {
        let absolutePath = path.hasPrefix("/") ? path : (root.hasSuffix("/") ? root : root + "/") + path
        do {
            return read(try SourceFile(contentsOf: absolutePath, path: path))
        } catch {
            return (nil, [error])
        }
    }

    /// Reads `file`; the roster is nil when there is any error.
    public static func read(_ file: SourceFile) -> (roster: Roster?, diagnostics: [Diagnostic]) {
        read(bytes: Array(file.text.utf8), path: file.path)
    }

    /// Reads CSV `bytes`; `path` is used in diagnostics and as the roster's source.
    public static func read(bytes: [UInt8], path: String) -> (roster: Roster?, diagnostics: [Diagnostic]) {
        var reader = CSVReader(bytes: bytes)
        var diagnostics: [Diagnostic] = []
        func at(_ line: Int, _ column: Int = 1) -> SourceLocation {
            SourceLocation(path: path, line: line, column: column)
        }
        do {
            guard let header = try reader.next() else {
                return (
                    nil,
                    [
                        .error(
                            "the roster is empty; expected a header row: \(knownColumns.joined(separator: ","))",
                            at: at(1))
                    ]
                )
            }
            var columnIndex: [String: Int] = [:]
            for (index, raw) in header.fields.enumerated() {
                let name = raw.trimmed().lowercased()
                if !knownColumns.contains(name) {
                    diagnostics.append(
                        .warning(
                            "unknown column '\(raw)', ignored; known columns: \(knownColumns.joined(separator: ", "))",
                            at: at(header.line(ofField: index), header.column(ofField: index))))
                } else if columnIndex[name] != nil {
                    diagnostics.append(
                        .error(
                            "column '\(name)' appears twice in the header",
                            at: at(header.line(ofField: index), header.column(ofField: index))))
                } else {
                    columnIndex[name] = index
                }
            }
            let missing = requiredColumns.filter { columnIndex[$0] == nil }
            if !missing.isEmpty {
                diagnostics.append(
                    .error(
                        "the header is missing required column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")); expected: \(knownColumns.joined(separator: ","))",
                        at: at(header.line)))
                return (nil, diagnostics)
            }
            var people: [Person] = []
            var firstLine: [String: Int] = [:]
            while let record = try reader.next() {
                guard record.fields.count == header.fields.count else {
                    diagnostics.append(
                        .error(
                            "expected \(header.fields.count) fields as in the header, found \(record.fields.count)",
                            at: at(record.line)))
                    continue
                }
                if let person = readPerson(record, columns: columnIndex, at: at, diagnostics: &diagnostics) {
                    if let first = firstLine[person.email] {
                        let emailIndex = columnIndex["email"] ?? 0
                        diagnostics.append(
                            .error(
                                "duplicate email '\(person.email)' (first on line \(first))",
                                at: at(record.line(ofField: emailIndex), record.column(ofField: emailIndex))))
                        continue
                    }
                    firstLine[person.email] = record.line
                    people.append(person)
                }
            }
            guard !diagnostics.hasErrors else { return (nil, diagnostics) }
            return (Roster(people: people, sourcePath: path), diagnostics)
        } catch {
            diagnostics.append(.error("malformed CSV: \(error.message)", at: at(error.line, error.column)))
            return (nil, diagnostics)
        }
    }

    private static func readPerson(
        _ record: CSVRecord, columns: [String: Int], at: (Int, Int) -> SourceLocation, diagnostics: inout [Diagnostic]
    ) -> Person? {
        let errorsBefore = diagnostics.count
        func field(_ name: String) -> (text: String, location: SourceLocation)? {
            guard let index = columns[name] else { return nil }
            return (record.fields[index].trimmed(), at(record.line(ofField: index), record.column(ofField: index)))
        }
        // The header check guarantees both columns.
        guard let email = field("email"), let name = field("name") else { return nil }
        if !EmailAddress.isValid(email.text) {
            diagnostics.append(.error("'\(email.text)' is not an email address", at: email.location))
        }
        if name.text.isEmpty { diagnostics.append(.error("the name is empty", at: name.location)) }
        var active = true
        if let value = field("active"), !value.text.isEmpty {
            switch value.text.lowercased() {
            case "true": active = true
            case "false": active = false
            default:
                diagnostics.append(.error("'active' must be true or false, got '\(value.text)'", at: value.location))
            }
        }
        var startDate: CalendarDate?
        if let value = field("start_date"), !value.text.isEmpty {
            startDate = value.text.utf8.count == 10 ? CalendarDate(parsing: value.text) : nil
            if startDate == nil {
                diagnostics.append(
                    .error("'start_date' must be a date YYYY-MM-DD, got '\(value.text)'", at: value.location))
            }
        }
        var manager: String?
        if let value = field("manager"), !value.text.isEmpty {
            if EmailAddress.isValid(value.text) {
                manager = value.text.lowercased()
            } else {
                diagnostics.append(
                    .error("'manager' must be an email address, got '\(value.text)'", at: value.location))
            }
        }
        let groups = (field("groups")?.text ?? "").split(separator: ";").map { $0.trimmed() }.filter { !$0.isEmpty }
        guard diagnostics.count == errorsBefore else { return nil }
        return Person(
            email: email.text, name: name.text, team: field("team")?.text ?? "", groups: groups, active: active,
            startDate: startDate, manager: manager)
    }
}
