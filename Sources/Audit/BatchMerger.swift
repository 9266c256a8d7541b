import HandbookContent

/// Merges checked batches in file order: finds duplicate ids across every inventory, turns bad rows
/// into errors (or skipped rows under `--skip-bad-rows`), and keeps the findings. Everything it
/// gives comes out in file order, row by row, so that however a file was cut into batches, the
/// result is the same.
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
    /// Each id seen (its bytes) → where it was first seen (input index << 40 | line).
    private var seen = ByteStringTable<Int>(capacity: 1 << 15)
    private var paths: [Int: String] = [:]

    init(checkCount: Int, skipBadRows: Bool) {
        findings = Array(repeating: [], count: checkCount)
        self.skipBadRows = skipBadRows
    }

    mutating func merge(_ batch: KeyBatch, path: String, inputIndex: Int) {
        paths[inputIndex] = path
        trackedSecrets.formUnion(batch.trackedSecrets)
        var dropped: Set<Int> = []
        var duplicates: [(line: Int, diagnostics: [Diagnostic])] = []
        for row in batch.keys {
            let place = inputIndex << 40 | row.line
            var id = row.id
            let first = id.withUTF8 { bytes in
                let (entry, inserted) = seen.insert(bytes, hash: row.idHash) { place }
                return inserted ? nil : seen[entry]
            }
            if let first {
                let firstPath = paths[first >> 40] ?? path
                duplicates.append(
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
        for (line, rowDiagnostics) in Self.inLineOrder(batch.problems, duplicates) {
            let errors = rowDiagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                if skipBadRows {
                    skippedRows.append(
                        SkippedRow(path: path, line: line, reason: errors.map(\.message).joined(separator: "; ")))
                    diagnostics += errors.map { Diagnostic(.warning, "row skipped: " + $0.message, at: $0.location) }
                } else {
                    diagnostics += errors
                }
            }
            for warning in rowDiagnostics where warning.severity != .error { addWarning(warning) }
        }
        if let error = batch.syntaxError { diagnostics.append(error) }
    }

    /// Two lists of rows' diagnostics, each in line order, as one in line order (a row in both: the
    /// first list's diagnostics, then the second's).
    private static func inLineOrder(
        _ a: [(line: Int, diagnostics: [Diagnostic])], _ b: [(line: Int, diagnostics: [Diagnostic])]
    ) -> [(line: Int, diagnostics: [Diagnostic])] {
        guard !b.isEmpty else { return a }
        var merged: [(line: Int, diagnostics: [Diagnostic])] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].line < b[j].line) {
                merged.append(a[i])
                i += 1
            } else if i == a.count || b[j].line < a[i].line {
                merged.append(b[j])
                j += 1
            } else {
                merged.append((a[i].line, a[i].diagnostics + b[j].diagnostics))
                i += 1
                j += 1
            }
        }
        return merged
    }

    mutating func addWarning(_ warning: Diagnostic) {
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
