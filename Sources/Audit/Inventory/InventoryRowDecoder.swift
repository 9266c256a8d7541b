import HandbookContent

/// Turns the fields of one native inventory row into an ``InventoryKey``, collecting every problem
/// of the row (a missing id, a bad date, an unknown type, mode, status, environment or consumer,
/// an ip_allowlist entry that is not an address or CIDR)
/// and redacting secret-looking values before anything else sees them.
enum InventoryRowDecoder {
    /// The warning given for a value that looks like a secret; it never quotes the value.
    static func secretWarning(column: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "column '\(column)' holds what looks like a secret value; it is redacted in every output. "
                + "An inventory should hold key identifiers, never secret values: rotate this key.",
            at: location)
    }

    /// Decodes `fields` laid out as `columns`. `location(index)` places field `index` (nil: the row).
    /// Returns the key when the row has no error; diagnostics (errors and redaction warnings) always.
    static func decode(
        _ rawFields: [String], columns: InventoryColumns, location: (Int?) -> SourceLocation
    ) -> (key: InventoryKey?, diagnostics: [Diagnostic]) {
        var fields = rawFields
        var diagnostics: [Diagnostic] = []
        for index in fields.indices where SecretRedactor.redactInPlace(&fields[index]) {
            let name = index < columns.names.count ? columns.names[index] : "column \(index + 1)"
            diagnostics.append(secretWarning(column: name, at: location(index)))
        }
        var failed = false

        func text(_ field: InventoryField) -> String? {
            guard let index = columns.index(of: field), index < fields.count else { return nil }
            let value = InventoryText.trimmed(fields[index])
            return value.isEmpty ? nil : value
        }
        func fail(_ field: InventoryField?, _ message: String) {
            failed = true
            diagnostics.append(.error(message, at: location(field.flatMap { columns.index(of: $0) })))
        }
        func date(_ field: InventoryField) -> CalendarDate? {
            guard let value = text(field) else { return nil }
            guard let date = CalendarDate(parsing: value) else {
                fail(field, "bad date '\(value)' in \(field.rawValue); expected YYYY-MM-DD or an ISO 8601 date-time")
                return nil
            }
            return date
        }
        func choice<T: RawRepresentable & CaseIterable>(_ field: InventoryField, _: T.Type) -> T?
        where T.RawValue == String {
            guard let value = text(field) else { return nil }
            guard let parsed = T(rawValue: value.lowercased()) else {
                let expected = T.allCases.map(\.rawValue).joined(separator: ", ")
                fail(field, "unknown \(field.rawValue) '\(value)'; expected one of: \(expected)")
                return nil
            }
            return parsed
        }

        let id = text(.id)
        if id == nil { fail(.id, "missing id: every key needs a unique id") }
        let type = choice(.type, InventoryKey.KeyType.self)
        let mode = choice(.mode, InventoryKey.Mode.self)
        let status = choice(.status, InventoryKey.Status.self) ?? .active
        let environment = choice(.environment, InventoryKey.Environment.self)
        var consumer: InventoryKey.Consumer?
        if let value = text(.consumer) {
            consumer = InventoryKey.Consumer(parsing: value)
            if consumer == nil {
                fail(.consumer, "unknown consumer '\(value)'; expected internal, service:NAME or third_party:NAME")
            }
        }
        let createdAt = date(.createdAt)
        let lastRotatedAt = date(.lastRotatedAt)
        let lastUsedAt = date(.lastUsedAt)
        let expiresAt = date(.expiresAt)
        let accessReviewedAt = date(.accessReviewedAt)
        let exposedAt = date(.exposedAt)
        let ipAllowlist = text(.ipAllowlist).map(InventoryText.list) ?? []
        for entry in ipAllowlist where !IPAllowlistEntry.isValid(entry) {
            fail(
                .ipAllowlist,
                "bad ip_allowlist entry '\(entry)'; expected IPv4 or IPv6 addresses or CIDRs separated by ;")
        }
        guard !failed, let id else { return (nil, diagnostics) }

        var extra: [String: String] = [:]
        for (name, index) in columns.extras where index < fields.count && !fields[index].isEmpty {
            extra[name] = fields[index]
        }
        let key = InventoryKey(
            id: id, name: text(.name), type: type, mode: mode, status: status, owner: text(.owner),
            createdAt: createdAt, lastRotatedAt: lastRotatedAt, lastUsedAt: lastUsedAt, expiresAt: expiresAt,
            ipAllowlist: ipAllowlist, storage: text(.storage),
            environment: environment, consumer: consumer,
            permissions: text(.permissions).map(InventoryText.list) ?? [],
            access: text(.access).map(InventoryText.list) ?? [], accessReviewedAt: accessReviewedAt,
            exposedAt: exposedAt, extra: extra, source: location(nil))
        return (key, diagnostics)
    }
}
