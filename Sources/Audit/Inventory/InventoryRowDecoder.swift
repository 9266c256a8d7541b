import HandbookContent
import Secrets

/// Turns the fields of one native inventory row into an ``InventoryKey``, collecting every problem
/// of the row (a missing id, a bad date, an unknown type, mode, status, environment or consumer,
/// an ip_allowlist entry that is not an address or CIDR), after the row went through the
/// ``SecretRedactor`` (so every message quotes redacted text).
///
/// Works on the row's bytes: dates, choices and lists are read without a string per field, and
/// repeated values (emails, storage, allowlists) come from an ``InventoryInterner``.
enum InventoryRowDecoder {
    /// Decodes `fields` laid out as `columns`. `location(index)` places field `index` (nil: the row).
    /// Returns the key when the row has no error; diagnostics (errors and redaction warnings) always.
    static func decode(
        _ fields: [String], columns: InventoryColumns, redactor: SecretRedactor = .standard,
        location: (Int?) -> SourceLocation
    ) -> (key: InventoryKey?, diagnostics: [Diagnostic]) {
        var interner = InventoryInterner()
        return decode(
            InventoryRow(fields: fields), columns: columns, redactor: redactor, interner: &interner, location: location)
    }

    /// Decodes `row` laid out as `columns`, as ``decode(_:columns:redactor:location:)`` does.
    static func decode(
        _ row: InventoryRow, columns: InventoryColumns, redactor: SecretRedactor, interner: inout InventoryInterner,
        location: (Int?) -> SourceLocation
    ) -> (key: InventoryKey?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var errors: [(field: InventoryField, message: String)] = []
        var row = row
        for index in redactor.redact(&row) {
            let name = index < columns.names.count ? "column '\(columns.names[index])'" : "column \(index + 1)"
            diagnostics.append(SecretRedactor.warning(name, at: location(index)))
        }
        let source = location(nil)
        let key = row.withFieldBytes(columns: columns) {
            decodeFields($0, source: source, interner: &interner, errors: &errors)
        }
        for error in errors {
            diagnostics.append(.error(error.message, at: location(columns.index(of: error.field))))
        }
        return (key, diagnostics)
    }

    /// The key of a row's fields, read from `source`; nil when a field is in error, each error
    /// added to `errors`.
    private static func decodeFields(
        _ fields: InventoryFieldBytes, source: SourceLocation, interner: inout InventoryInterner,
        errors: inout [(field: InventoryField, message: String)]
    ) -> InventoryKey? {
        let errorsBefore = errors.count
        let id = fields.text(.id).map { String(decoding: $0, as: UTF8.self) }
        if id == nil { errors.append((.id, "missing id: every key needs a unique id")) }
        let type = choice(fields, .type, InventoryKey.KeyType.self, errors: &errors)
        let mode = choice(fields, .mode, InventoryKey.Mode.self, errors: &errors)
        let status = choice(fields, .status, InventoryKey.Status.self, errors: &errors) ?? .active
        let environment = choice(fields, .environment, InventoryKey.Environment.self, errors: &errors)
        var consumer: InventoryKey.Consumer?
        if let value = fields.text(.consumer) {
            consumer = Self.consumer(value, interner: &interner)
            if consumer == nil {
                errors.append(
                    (
                        .consumer,
                        "unknown consumer '\(String(decoding: value, as: UTF8.self))'; "
                            + "expected internal, service:NAME or third_party:NAME"
                    ))
            }
        }
        let createdAt = date(fields, .createdAt, errors: &errors)
        let lastRotatedAt = date(fields, .lastRotatedAt, errors: &errors)
        let lastUsedAt = date(fields, .lastUsedAt, errors: &errors)
        let expiresAt = date(fields, .expiresAt, errors: &errors)
        let accessReviewedAt = date(fields, .accessReviewedAt, errors: &errors)
        let exposedAt = date(fields, .exposedAt, errors: &errors)
        let logsReviewedAt = date(fields, .logsReviewedAt, errors: &errors)
        var secretSHA256: String?
        if let value = fields.text(.secretSHA256) {
            let text = String(decoding: value, as: UTF8.self).lowercased()
            if text.utf8.count == 64, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
            {
                secretSHA256 = text
            } else {
                errors.append(
                    (.secretSHA256, "secret_sha256 must be 64 hexadecimal digits (attest scan fingerprint prints it)"))
            }
        }
        let ipAllowlist = allowlist(fields.text(.ipAllowlist), interner: &interner, errors: &errors)
        guard errors.count == errorsBefore, let id else { return nil }

        var extra: [String: String] = [:]
        for (name, index) in fields.columns.extras where index < fields.count {
            let range = fields.range(ofField: index)
            if !range.isEmpty { extra[name] = String(decoding: fields.buffer[range], as: UTF8.self) }
        }
        var key = InventoryKey(
            id: id, name: fields.text(.name).map { String(decoding: $0, as: UTF8.self) }, type: type, mode: mode,
            status: status, createdAt: createdAt, lastRotatedAt: lastRotatedAt, lastUsedAt: lastUsedAt,
            expiresAt: expiresAt, ipAllowlist: ipAllowlist, storage: fields.text(.storage).map { interner.string($0) },
            environment: environment, consumer: consumer,
            permissions: list(fields.text(.permissions), interner: &interner, lowercased: false),
            accessReviewedAt: accessReviewedAt, logsReviewedAt: logsReviewedAt, exposedAt: exposedAt, extra: extra,
            source: source)
        key.secretSHA256 = secretSHA256
        // Set after init, already lowercased (the initializer would lowercase them into new strings).
        key.owner = fields.text(.owner).map { lowercased($0, interner: &interner) }
        key.access = list(fields.text(.access), interner: &interner, lowercased: true)
        return key
    }

    /// A date field: nil when empty, an error when it is not a date.
    private static func date(
        _ fields: InventoryFieldBytes, _ field: InventoryField, errors: inout [(field: InventoryField, message: String)]
    ) -> CalendarDate? {
        guard let value = fields.text(field) else { return nil }
        guard let date = CalendarDate(utf8: value) else {
            errors.append(
                (
                    field,
                    "bad date '\(String(decoding: value, as: UTF8.self))' in \(field.rawValue); "
                        + "expected YYYY-MM-DD or an ISO 8601 date-time"
                ))
            return nil
        }
        return date
    }

    /// A field naming one case of `T` (case-insensitively): nil when empty, an error when unknown.
    private static func choice<T: RawRepresentable & CaseIterable>(
        _ fields: InventoryFieldBytes, _ field: InventoryField, _: T.Type,
        errors: inout [(field: InventoryField, message: String)]
    ) -> T? where T.RawValue == String {
        guard let bytes = fields.text(field) else { return nil }
        // Usually written exactly as the name: compare bytes, no string made or switched on.
        for candidate in T.allCases {
            let name = candidate.rawValue.utf8
            if name.count == bytes.count, name.first == bytes.first, name.elementsEqual(bytes) { return candidate }
        }
        // The names are short: these strings are stored inline, not allocated.
        let value = String(decoding: bytes, as: UTF8.self)
        guard let parsed = T(rawValue: value) ?? T(rawValue: value.lowercased()) else {
            let expected = T.allCases.map(\.rawValue).joined(separator: ", ")
            errors.append((field, "unknown \(field.rawValue) '\(value)'; expected one of: \(expected)"))
            return nil
        }
        return parsed
    }

    /// The ip_allowlist entries; an error for each that is not an address or CIDR.
    private static func allowlist(
        _ bytes: UnsafeBufferPointer<UInt8>?, interner: inout InventoryInterner,
        errors: inout [(field: InventoryField, message: String)]
    ) -> [String] {
        guard let bytes else { return [] }
        var entries: [String] = []
        func bad(_ entry: String) {
            errors.append(
                (
                    .ipAllowlist,
                    "bad ip_allowlist entry '\(entry)'; expected IPv4 or IPv6 addresses or CIDRs separated by ;"
                ))
        }
        InventoryText.forEachItem(of: bytes) { item in
            if IPAllowlistEntry.isValid(item) {
                entries.append(interner.string(item))
            } else {
                let entry = String(decoding: item, as: UTF8.self)
                entries.append(entry)
                bad(entry)
            }
        } nonASCII: { text in
            for entry in InventoryText.list(text) {
                entries.append(entry)
                if !IPAllowlistEntry.isValid(entry) { bad(entry) }
            }
        }
        return entries
    }

    /// `internal`, `service:NAME` or `third_party:NAME`, as ``InventoryKey/Consumer/init(parsing:)``.
    private static func consumer(
        _ bytes: UnsafeBufferPointer<UInt8>, interner: inout InventoryInterner
    ) -> InventoryKey.Consumer? {
        guard InventoryText.isASCII(bytes) else {
            return InventoryKey.Consumer(parsing: String(decoding: bytes, as: UTF8.self))
        }
        if bytes.elementsEqual("internal".utf8) { return InventoryKey.Consumer(kind: .internal) }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            let kind = InventoryKey.Consumer.Kind(
                rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[..<colon]), as: UTF8.self)),
            kind != .internal, colon + 1 < bytes.count
        else { return nil }
        return InventoryKey.Consumer(
            kind: kind, name: interner.string(UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])))
    }

    /// A `;`-separated list, each item trimmed, empty items dropped (and lowercased when asked).
    private static func list(
        _ bytes: UnsafeBufferPointer<UInt8>?, interner: inout InventoryInterner, lowercased: Bool
    ) -> [String] {
        guard let bytes else { return [] }
        var items: [String] = []
        InventoryText.forEachItem(of: bytes) { item in
            items.append(lowercased ? Self.lowercased(item, interner: &interner) : interner.string(item))
        } nonASCII: { text in
            items = InventoryText.list(text).map { lowercased ? $0.lowercased() : $0 }
        }
        return items
    }

    /// `bytes` lowercased, as `String.lowercased()` does.
    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, interner: inout InventoryInterner) -> String {
        guard InventoryText.isASCII(bytes) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
        guard bytes.contains(where: { (0x41...0x5A).contains($0) }) else { return interner.string(bytes) }
        let lower = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return lower.withUnsafeBufferPointer { interner.string($0) }
    }
}
