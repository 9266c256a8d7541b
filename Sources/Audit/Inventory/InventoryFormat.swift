/// How an inventory file is laid out.
public enum InventoryFormat: String, Sendable, Hashable, CaseIterable {
    /// Attest's own fields, as CSV, JSON (an array of objects) or YAML (a sequence of maps).
    case native
    /// The AWS IAM credential report CSV (`aws iam get-credential-report`).
    case credentialReport = "credential-report"

    /// The syntax of a native inventory file.
    public enum Syntax: String, Sendable, Hashable {
        case csv, json, yaml
    }

    /// The syntax of `path`: from its extension, else from its first non-blank byte (`[` is JSON,
    /// `-` is YAML), else CSV.
    public static func syntax(path: String, firstBytes: some Sequence<UInt8>) -> Syntax {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        if lower.hasSuffix(".csv") { return .csv }
        for byte in firstBytes
        where byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0xEF
            && byte != 0xBB && byte != 0xBF
        {
            if byte == UInt8(ascii: "[") { return .json }
            if byte == UInt8(ascii: "-") { return .yaml }
            break
        }
        return .csv
    }

    /// The format a CSV header names: the credential report has `user` and `access_key_1_active`.
    public static func detect(csvHeader: [String]) -> InventoryFormat {
        let names = Set(csvHeader.map { InventoryText.trimmed($0).lowercased() })
        return names.contains("user") && names.contains("access_key_1_active") ? .credentialReport : .native
    }
}
