import HandbookContent

/// Merges checked batches in file order: finds duplicate ids across every inventory, turns bad rows
/// into errors (or skipped rows under `--skip-bad-rows`), and keeps the findings.
struct BatchMerger {
    /// Warnings kept in the report before the rest are only counted.
    static let warningLimit = 100

    let skipBadRows: Bool
    private(set) var findings: [[Finding]]
    var diagnostics: [Diagnostic] = []
    private(set) var skippedRows: [SkippedRow] = []
    private(set) var keyCount = 0
    private(set) var activeKeyCount = 0
    /// The leak scans' secrets that some key accounts for.
    private(set) var trackedSecrets: Set<String> = []
    private(set) var reportWarnings: [Diagnostic] = []
    private var unlistedWarnings = 0
    /// Hash of each id seen → where it was first seen (input index << 40 | line).
    private var seen = SeenIDTable()
    private var paths: [Int: String] = [:]

    init(checkCount: Int, skipBadRows: Bool) {
        findings = Array(repeating: [], count: checkCount)
        self.skipBadRows = skipBadRows
    }

    mutating func merge(_ batch: KeyBatch, path: String, inputIndex: Int) {
        paths[inputIndex] = path
        trackedSecrets.formUnion(batch.trackedSecrets)
        var dropped: Set<Int> = []
        var badRows = batch.badRows
        for row in batch.keys {
            let hash = row.idHash
            if let first = seen.insert(hash, place: inputIndex << 40 | row.line) {
                let firstPath = paths[first >> 40] ?? path
                badRows.append(
                    (
                        row.line,
                        [
                            .error(
                                "duplicate id '\(row.id)' (first at \(firstPath):\(first & ((1 << 40) - 1)))",
                                at: SourceLocation(path: path, line: row.line))
                        ]
                    ))
                dropped.insert(row.line)
                continue
            }
            keyCount += 1
            if row.active { activeKeyCount += 1 }
        }
        for index in findings.indices {
            if dropped.isEmpty {
                findings[index] += batch.findings[index]
            } else {
                findings[index] += batch.findings[index].filter { !dropped.contains($0.source?.line ?? -1) }
            }
        }
        for (line, errors) in badRows.sorted(by: { $0.line < $1.line }) {
            if skipBadRows {
                skippedRows.append(
                    SkippedRow(path: path, line: line, reason: errors.map(\.message).joined(separator: "; ")))
                diagnostics += errors.map { Diagnostic(.warning, "row skipped: " + $0.message, at: $0.location) }
            } else {
                diagnostics += errors
            }
        }
        for warning in batch.warnings { addWarning(warning) }
        if let error = batch.syntaxError { diagnostics.append(error) }
    }

    private mutating func addWarning(_ warning: Diagnostic) {
        if reportWarnings.count < Self.warningLimit {
            reportWarnings.append(warning)
            diagnostics.append(warning)
        } else {
            unlistedWarnings += 1
        }
    }

    /// The report's warnings, with a count of those not listed.
    var allReportWarnings: [Diagnostic] {
        guard unlistedWarnings > 0 else { return reportWarnings }
        return reportWarnings + [.warning("\(unlistedWarnings) more warnings like these were not listed", at: nil)]
    }
}
