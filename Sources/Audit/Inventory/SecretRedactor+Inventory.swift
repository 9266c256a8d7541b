import HandbookContent
import Secrets

/// The audit's one redaction point. Every inventory reader (native CSV rows and headers, JSON and
/// YAML objects and their keys, the credential report, the owner map) passes each record it reads
/// through here before decoding it, so that no later stage (checks, messages, diagnostics, skipped
/// rows, history, writers) ever holds a secret: they can only repeat what was already redacted.
extension SecretRedactor {
    /// Redacts every field of `row` that holds a secret; the indices of those fields, ascending.
    /// Most rows hold no run long enough to be a secret and are returned untouched after one pass.
    func redact(_ row: inout InventoryRow) -> [Int] {
        var replacements: [(index: Int, bytes: [UInt8])] = []
        row.bytes.withUnsafeBufferPointer { buffer in
            guard hasLongToken(buffer) else { return }
            for index in 0..<row.count {
                let range = row.range(ofField: index)
                guard range.count >= shortestSecret,
                    let redacted = redacted(UnsafeBufferPointer(rebasing: buffer[range]))
                else { continue }
                replacements.append((index, redacted))
            }
        }
        row.replaceFields(replacements)
        return replacements.map(\.index)
    }

    /// Redacts every field of `fields` that holds a secret; the indices of those fields, ascending.
    func redact(_ fields: inout [String]) -> [Int] {
        fields.indices.filter { redactInPlace(&fields[$0]) }
    }

    /// The warning given for a value that looks like a secret; it never quotes the value.
    /// `column` names where it stood: `column 'storage'`, `the name of column 3`.
    static func warning(_ column: String, at location: SourceLocation) -> Diagnostic {
        .warning(
            "\(column) holds what looks like a secret value; it is redacted in every output. "
                + "An inventory should hold key identifiers, never secret values: rotate this key.",
            at: location)
    }
}
