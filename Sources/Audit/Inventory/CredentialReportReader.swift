import HandbookContent
import Secrets

/// Reads the AWS IAM credential report CSV (`aws iam get-credential-report`): each existing
/// `access_key_1` / `access_key_2` of a user becomes a key `USER/access_key_N`, type secret, mode live.
///
/// - status: `access_key_N_active` (`true` / `false`);
/// - last_rotated_at and created_at: `access_key_N_last_rotated` (AWS resets it when a key is created,
///   so it is also the key's creation date); `N/A` there means the key does not exist;
/// - last_used_at: `access_key_N_last_used_date`; `N/A` means never used, `no_information` and
///   `not_supported` mean unknown: all three leave it empty, so idle time counts from the last rotation;
/// - owner: from the ``OwnerMap`` when one is given, else none;
/// - the user's `arn` is kept as an extra column.
///
/// Every row goes through the ``SecretRedactor`` before it is read.
public struct CredentialReportReader: InventoryRecordDecoder {
    let path: String
    let owners: OwnerMap?
    let redactor: SecretRedactor
    /// The header's names (already redacted), for warnings.
    let names: [String]
    let userIndex: Int
    let arnIndex: Int?
    let columnCount: Int
    /// Per access key slot: (number, active, last rotated, last used date) column indices.
    let slots: [(number: Int, active: Int, lastRotated: Int, lastUsed: Int?)]

    /// The report's values that stand for "no value".
    static let noValue: Set<String> = ["N/A", "not_supported", "no_information", ""]

    /// A reader for the report whose header is `header` (already redacted); nil with an error when
    /// a required column is missing.
    public static func make(header: CSVRecord, path: String, owners: OwnerMap?, redactor: SecretRedactor) -> (
        reader: CredentialReportReader?, diagnostics: [Diagnostic]
    ) {
        let names = header.fields.map { InventoryText.trimmed($0).lowercased() }
        func index(_ name: String) -> Int? { names.firstIndex(of: name) }
        var slots: [(number: Int, active: Int, lastRotated: Int, lastUsed: Int?)] = []
        for number in 1...2 {
            if let active = index("access_key_\(number)_active"),
                let rotated = index("access_key_\(number)_last_rotated")
            {
                slots.append((number, active, rotated, index("access_key_\(number)_last_used_date")))
            }
        }
        guard let userIndex = index("user"), !slots.isEmpty else {
            return (
                nil,
                [
                    .error(
                        "not an IAM credential report: the header needs user, access_key_1_active and access_key_1_last_rotated",
                        at: SourceLocation(path: path, line: header.line))
                ]
            )
        }
        return (
            CredentialReportReader(
                path: path, owners: owners, redactor: redactor,
                names: header.fields.map { InventoryText.trimmed($0) }, userIndex: userIndex, arnIndex: index("arn"),
                columnCount: names.count, slots: slots),
            []
        )
    }

    func decode(_ row: InventoryRow, interner: inout InventoryInterner, emit: (InventoryKey) -> Void)
        -> [Diagnostic]
    {
        var row = row
        let redacted = redactor.redact(&row)
        return decode(row.record, redacted: redacted, emit: emit)
    }

    /// Decodes one report row (few: one per IAM user), from its fields as text; `redacted` lists the
    /// fields the redactor changed.
    private func decode(_ record: CSVRecord, redacted: [Int], emit: (InventoryKey) -> Void) -> [Diagnostic] {
        func location(_ index: Int?) -> SourceLocation {
            guard let index else { return SourceLocation(path: path, line: record.line, column: 1) }
            return SourceLocation(path: path, line: record.line(ofField: index), column: record.column(ofField: index))
        }
        guard record.fields.count == columnCount else {
            return [
                .error(
                    "wrong column count: \(record.fields.count) fields, the header has \(columnCount)",
                    at: location(nil))
            ]
        }
        let fields = record.fields
        var diagnostics = redacted.map { index in
            SecretRedactor.warning(
                index < names.count && !names[index].isEmpty ? "column '\(names[index])'" : "column \(index + 1)",
                at: location(index))
        }
        let user = InventoryText.trimmed(fields[userIndex])
        guard !user.isEmpty else { return diagnostics + [.error("missing user name", at: location(userIndex))] }
        var keys: [InventoryKey] = []
        for slot in slots {
            let rotatedText = InventoryText.trimmed(fields[slot.lastRotated])
            if Self.noValue.contains(rotatedText) { continue }  // no such key
            guard let rotated = CalendarDate(parsing: rotatedText) else {
                diagnostics.append(
                    .error(
                        "bad date '\(rotatedText)' in access_key_\(slot.number)_last_rotated; expected an ISO 8601 date-time or N/A",
                        at: location(slot.lastRotated)))
                continue
            }
            let activeText = InventoryText.trimmed(fields[slot.active]).lowercased()
            guard activeText == "true" || activeText == "false" else {
                diagnostics.append(
                    .error(
                        "unknown access_key_\(slot.number)_active '\(activeText)'; expected true or false",
                        at: location(slot.active)))
                continue
            }
            var lastUsed: CalendarDate?
            if let usedIndex = slot.lastUsed {
                let usedText = InventoryText.trimmed(fields[usedIndex])
                if !Self.noValue.contains(usedText) {
                    lastUsed = CalendarDate(parsing: usedText)
                    if lastUsed == nil {
                        diagnostics.append(
                            .error(
                                "bad date '\(usedText)' in access_key_\(slot.number)_last_used_date; expected an ISO 8601 date-time, N/A, no_information or not_supported",
                                at: location(usedIndex)))
                        continue
                    }
                }
            }
            var extra: [String: String] = [:]
            if let arnIndex, !fields[arnIndex].isEmpty { extra["arn"] = fields[arnIndex] }
            keys.append(
                InventoryKey(
                    id: "\(user)/access_key_\(slot.number)", type: .secret, mode: .live,
                    status: activeText == "true" ? .active : .inactive, owner: owners?.owner(of: user),
                    createdAt: rotated, lastRotatedAt: rotated, lastUsedAt: lastUsed, extra: extra,
                    source: location(nil)))
        }
        // A row with any error is a bad row as a whole: none of its keys are used.
        if !diagnostics.contains(where: { $0.severity == .error }) {
            for key in keys { emit(key) }
        }
        return diagnostics
    }
}
