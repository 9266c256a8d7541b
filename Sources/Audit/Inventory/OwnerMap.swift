import HandbookContent
import Secrets

/// Who owns each IAM user's keys: a CSV with the header `iam_user,email`, given with `--owner-map`.
public struct OwnerMap: Hashable, Sendable {
    /// IAM user name → owner email (lowercased).
    public var owners: [String: String]

    public init(owners: [String: String]) {
        self.owners = owners.mapValues { $0.lowercased() }
    }

    /// The owner of `user`'s keys, if mapped.
    public func owner(of user: String) -> String? { owners[user] }

    /// Reads the mapping CSV; every problem is a diagnostic at its line. Each row goes through
    /// `redactor` before it is read, as the inventories do (an IAM user name is matched redacted).
    public static func read(bytes: [UInt8], path: String, redactor: SecretRedactor) -> (
        map: OwnerMap, rows: Int, diagnostics: [Diagnostic]
    ) {
        var reader = CSVReader(bytes: bytes)
        var owners: [String: String] = [:]
        var firstLine: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        var rows = 0
        do {
            guard let header = try reader.next() else {
                return (
                    OwnerMap(owners: [:]), 0,
                    [
                        .error(
                            "the owner map is empty; expected the header iam_user,email", at: SourceLocation(path: path)
                        )
                    ]
                )
            }
            var headerFields = header.fields
            _ = redactor.redact(&headerFields)  // names are only matched and quoted, never kept
            let names = headerFields.map { InventoryText.trimmed($0).lowercased() }
            guard let userIndex = names.firstIndex(of: "iam_user"), let emailIndex = names.firstIndex(of: "email")
            else {
                return (
                    OwnerMap(owners: [:]), 0,
                    [
                        .error(
                            "the owner map's header must name the columns iam_user and email",
                            at: SourceLocation(path: path, line: header.line))
                    ]
                )
            }
            while var record = try reader.next() {
                rows += 1
                for index in redactor.redact(&record.fields) {
                    let column = index < names.count ? "column '\(names[index])'" : "column \(index + 1)"
                    diagnostics.append(
                        SecretRedactor.warning(
                            column,
                            at: SourceLocation(
                                path: path, line: record.line(ofField: index), column: record.column(ofField: index))))
                }
                guard record.fields.count == names.count else {
                    diagnostics.append(
                        .error(
                            "wrong column count: \(record.fields.count) fields, the header has \(names.count)",
                            at: SourceLocation(path: path, line: record.line)))
                    continue
                }
                let user = InventoryText.trimmed(record.fields[userIndex])
                let email = InventoryText.trimmed(record.fields[emailIndex])
                guard !user.isEmpty, email.contains("@") else {
                    diagnostics.append(
                        .error(
                            "each row needs an IAM user name and an owner email",
                            at: SourceLocation(path: path, line: record.line)))
                    continue
                }
                if let first = firstLine[user] {
                    diagnostics.append(
                        .error(
                            "IAM user '\(user)' is mapped twice (first on line \(first))",
                            at: SourceLocation(path: path, line: record.line)))
                    continue
                }
                firstLine[user] = record.line
                owners[user] = email
            }
        } catch {
            diagnostics.append(
                .error(error.message, at: SourceLocation(path: path, line: error.line, column: error.column)))
        }
        return (OwnerMap(owners: owners), rows, diagnostics)
    }
}
