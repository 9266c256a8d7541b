import HandbookContent

/// The result of reading and checking one run of inventory rows: findings per key check, the ids
/// seen (for the duplicate check, done in file order when batches are merged), the rows' problems
/// and a syntax error. No key is kept: each is checked as it is read and dropped.
struct KeyBatch: Sendable {
    struct Row: Sendable {
        var id: String
        /// The hash of the id's bytes, for the duplicate check (computed here, on the worker).
        var idHash: Int
        var line: Int
        var active: Bool
    }

    var findings: [[Finding]]
    var keys: [Row] = []
    /// Each row's diagnostics (errors make it a bad row; warnings are kept), in file order.
    var problems: [(line: Int, diagnostics: [Diagnostic])] = []
    var rows = 0
    /// SHA-256s of the leak scans' secrets that the batch's keys account for (`inventory-complete`).
    var trackedSecrets: Set<String> = []
    /// A CSV syntax error: the rest of the batch could not be read.
    var syntaxError: Diagnostic?

    init(checkCount: Int) {
        findings = Array(repeating: [], count: checkCount)
    }

    /// The hash the duplicate check files `id` under: of its bytes, with the per-process seed of
    /// `Hasher` (ids come from the input, which could be crafted to collide in an unseeded hash).
    static func idHash(_ id: String) -> Int {
        var hasher = Hasher()
        var id = id
        id.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize()
    }

    /// Checks `key` against every key check and records its id.
    mutating func add(_ key: InventoryKey, checks: [any KeyCheck], context: AuditContext) {
        var key = key
        if let exposures = context.exposures {
            // A key a scan saw is exposed from the earliest sighting, unless the inventory says earlier.
            if let sighting = exposures.earliestSighting(of: key), let seen = sighting.seenAt {
                if key.exposedAt.map({ seen < $0 }) ?? true {
                    key.exposedAt = seen
                    key.exposureSeenIn = sighting.place
                } else if key.exposedAt == seen {
                    key.exposureSeenIn = sighting.place
                }
            }
            trackedSecrets.formUnion(exposures.secretsAccounted(for: key))
        }
        keys.append(
            Row(id: key.id, idHash: Self.idHash(key.id), line: key.source.line, active: key.status == .active))
        guard key.status == .active else { return }
        for index in checks.indices {
            if let finding = checks[index].check(key, in: context) { findings[index].append(finding) }
        }
    }

    /// Records a row's diagnostics.
    mutating func record(_ diagnostics: [Diagnostic], line: Int) {
        guard !diagnostics.isEmpty else { return }
        problems.append((line, diagnostics))
    }

    /// Reads and checks the records left in `scanner`, whose lines start at `firstLine` in the file.
    static func read(
        _ scanner: inout CSVRowScanner, firstLine: Int, path: String, decoder: any InventoryRecordDecoder,
        checks: [any KeyCheck], context: AuditContext
    ) -> KeyBatch {
        var batch = KeyBatch(checkCount: checks.count)
        var row = InventoryRow()
        // Repeated values are shared within the batch.
        var interner = InventoryInterner()
        do {
            while try scanner.next(into: &row) {
                row.line += firstLine - 1
                batch.rows += 1
                let diagnostics = decoder.decode(row, interner: &interner) { key in
                    batch.add(key, checks: checks, context: context)
                }
                batch.record(diagnostics, line: row.line)
            }
        } catch {
            batch.syntaxError = .error(
                error.message, at: SourceLocation(path: path, line: error.line + firstLine - 1, column: error.column))
        }
        return batch
    }
}
