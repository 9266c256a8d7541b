import Foundation
import HandbookContent
import Secrets
import Yams

/// Reads native inventories: CSV through ``NativeCSVDecoder`` (streamed by the runner, any column
/// order), and JSON (an array of objects) or YAML (a sequence of maps) here, whole. In JSON and YAML,
/// list fields may be written as arrays as well as `;`-separated strings. Every object's keys and
/// values, and the parsers' messages (which may quote the input), go through the ``SecretRedactor``.
public enum NativeInventoryReader {
    /// One object of a JSON or YAML inventory, decoded.
    public struct Row: Sendable {
        /// The key, when the row has no error.
        public var key: InventoryKey?
        public var diagnostics: [Diagnostic]
        public var line: Int
    }

    /// Reads a JSON array of objects. The result's diagnostics concern the file as a whole.
    public static func readJSON(bytes: [UInt8], path: String, redactor: SecretRedactor) -> (
        rows: [Row], diagnostics: [Diagnostic]
    ) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            let message = redactor.redact("not valid JSON: \(error.localizedDescription)").text
            return ([], [.error(message, at: SourceLocation(path: path))])
        }
        guard let array = parsed as? [Any] else {
            return ([], [.error("a JSON inventory must be an array of objects", at: SourceLocation(path: path))])
        }
        let lines = elementLines(bytes)
        var rows: [Row] = []
        var interner = InventoryInterner()
        for (index, element) in array.enumerated() {
            let line = index < lines.count ? lines[index] : 1
            let location = SourceLocation(path: path, line: line)
            guard let object = element as? [String: Any] else {
                rows.append(
                    Row(key: nil, diagnostics: [.error("each element must be an object", at: location)], line: line))
                continue
            }
            let names = object.keys.sorted()
            let fields = names.map { text(of: object[$0] as Any) }
            let (columns, warnings) = columns(names, redactor: redactor) { _ in location }
            let (key, diagnostics) = InventoryRowDecoder.decode(
                InventoryRow(fields: fields), columns: columns, redactor: redactor, interner: &interner
            ) { _ in location }
            rows.append(Row(key: key, diagnostics: warnings + diagnostics, line: line))
        }
        return (rows, [])
    }

    /// Reads a YAML sequence of maps; diagnostics point at each value's line and column.
    public static func readYAML(bytes: [UInt8], path: String, redactor: SecretRedactor) -> (
        rows: [Row], diagnostics: [Diagnostic]
    ) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self))
        } catch {
            // Yams quotes the offending line.
            let message = redactor.redact("not valid YAML: \(error)").text
            return ([], [.error(message, at: SourceLocation(path: path))])
        }
        guard let sequence = node?.sequence else {
            return (
                [], [.error("a YAML inventory must be a sequence of maps (- id: …)", at: SourceLocation(path: path))]
            )
        }
        var rows: [Row] = []
        var interner = InventoryInterner()
        for element in sequence {
            let line = element.mark?.line ?? 1
            let rowLocation = SourceLocation(path: path, line: line, column: element.mark?.column ?? 1)
            guard let mapping = element.mapping else {
                rows.append(
                    Row(key: nil, diagnostics: [.error("each item must be a map", at: rowLocation)], line: line))
                continue
            }
            var names: [String] = [], fields: [String] = [], locations: [SourceLocation] = []
            for (name, value) in mapping {
                names.append(name.string ?? "")
                if let items = value.sequence {
                    fields.append(items.compactMap(\.string).joined(separator: ";"))
                } else {
                    fields.append(value.null != nil ? "" : value.string ?? "")
                }
                locations.append(
                    SourceLocation(path: path, line: value.mark?.line ?? line, column: value.mark?.column ?? 1))
            }
            let (columns, warnings) = columns(names, redactor: redactor) { locations[$0] }
            let (key, diagnostics) = InventoryRowDecoder.decode(
                InventoryRow(fields: fields), columns: columns, redactor: redactor, interner: &interner
            ) { index in index.map { locations[$0] } ?? rowLocation }
            rows.append(Row(key: key, diagnostics: warnings + diagnostics, line: line))
        }
        return (rows, [])
    }

    /// The columns of an object whose keys are `names`, the keys redacted, with a warning for each
    /// key that held a secret (`location(index)` places the value of key `index`).
    private static func columns(
        _ names: [String], redactor: SecretRedactor, location: (Int) -> SourceLocation
    ) -> (InventoryColumns, [Diagnostic]) {
        var names = names
        let warnings = redactor.redact(&names).map {
            SecretRedactor.warning("the name of field \($0 + 1)", at: location($0))
        }
        return (InventoryColumns(header: names), warnings)
    }

    /// A JSON value as inventory text: arrays joined with `;`, null empty.
    private static func text(of value: Any) -> String {
        switch value {
        case let string as String: return string
        case is NSNull: return ""
        case let array as [Any]: return array.map { text(of: $0) }.joined(separator: ";")
        default: return "\(value)"
        }
    }

    /// The line where each element of the top-level JSON array starts.
    static func elementLines(_ bytes: [UInt8]) -> [Int] {
        var lines: [Int] = []
        var depth = 0, line = 1
        var inString = false, escaped = false, expectingValue = false
        for byte in bytes {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            if depth == 1 {
                if byte == UInt8(ascii: ",") {
                    expectingValue = true
                    continue
                }
                if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09, byte != UInt8(ascii: "]"), expectingValue {
                    lines.append(line)
                    expectingValue = false
                }
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth == 1 { expectingValue = true }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return lines
    }
}
