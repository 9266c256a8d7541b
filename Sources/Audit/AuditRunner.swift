import Crypto
import Dispatch
import Foundation
import HandbookContent
import Secrets
import TrainingRecords

/// Runs the audit: reads the inventories row by row and checks each key as it is read, so that
/// memory grows with the findings, not with the inventory; then checks the policies and training
/// coverage, and assembles the ``AuditReport``.
///
/// CSV inventories are read in blocks cut at record boundaries (``CSVChunkReader``, with the grammar
/// the rows are read with) and the blocks are parsed and checked on every core; batches are merged
/// in file order, and reading stops at the first syntax error, so findings, duplicate ids and
/// diagnostics come out as a sequential read of the whole file would give them, wherever the blocks
/// were cut. Duplicate ids are found on their bytes (a ``ByteStringTable`` of the ids seen: about
/// 50 MB for a million keys).
public struct AuditRunner: Sendable {
    /// An inventory to read.
    public struct InventorySource: Sendable {
        public enum Contents: Sendable {
            /// A file on disk (absolute or relative to the working directory).
            case file(String)
            case bytes([UInt8])
        }
        /// As shown in diagnostics and reports (relative to the root where possible).
        public var path: String
        public var contents: Contents

        public init(path: String, contents: Contents) {
            self.path = path
            self.contents = contents
        }
    }

    /// How to run.
    public struct Configuration: Sendable {
        public var asOf: CalendarDate
        public var generatedAt: String
        public var toolVersion: String
        /// Leave bad rows out (listed in the report) instead of failing.
        public var skipBadRows: Bool
        /// nil: detected from each file's header.
        public var format: InventoryFormat?
        /// IAM user → owner, for credential reports.
        public var ownerMap: OwnerMap?
        /// Other inputs to name in the report (owner map, roster, records), with their hashes.
        public var otherInputs: [AuditReport.Input]
        /// Earlier runs from `--history` (nil: no history kept), for the trend.
        public var history: [HistoryEntry]?
        /// What leak scans saw (`--exposures`); nil: none given.
        public var exposures: ExposureIndex?
        /// Blocks checked at once.
        public var parallelism: Int
        /// The size of the blocks an inventory is read in (bytes; a block grows to hold a record
        /// longer than that). Small sizes are for tests: the result never depends on it.
        public var blockSize: Int
        /// What counts as a secret: every inventory value, column name and parser message goes
        /// through it as it is read (the handbook's catalogue; the built-in rules by default).
        public var redactor: SecretRedactor

        public init(
            asOf: CalendarDate, generatedAt: String, toolVersion: String, skipBadRows: Bool = false,
            format: InventoryFormat? = nil, ownerMap: OwnerMap? = nil, otherInputs: [AuditReport.Input] = [],
            history: [HistoryEntry]? = nil, exposures: ExposureIndex? = nil,
            parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
            blockSize: Int = 4 << 20, redactor: SecretRedactor = .standard
        ) {
            self.asOf = asOf
            self.generatedAt = generatedAt
            self.toolVersion = toolVersion
            self.skipBadRows = skipBadRows
            self.format = format
            self.ownerMap = ownerMap
            self.otherInputs = otherInputs
            self.history = history
            self.exposures = exposures
            self.parallelism = max(1, parallelism)
            self.blockSize = max(1, blockSize)
            self.redactor = redactor
        }
    }

    /// All policies read (drafts included: their controls are left out, their files still count in the policy set hash).
    public var policies: [Policy]
    public var quizzes: [Quiz]
    /// nil: no roster was given.
    public var roster: Roster?
    /// nil: no training records were given.
    public var training: TrainingStatus?
    public var configuration: Configuration

    public init(
        policies: [Policy], quizzes: [Quiz], roster: Roster?, training: TrainingStatus?, configuration: Configuration
    ) {
        self.policies = policies
        self.quizzes = quizzes
        self.roster = roster
        self.training = training
        self.configuration = configuration
    }

    /// SHA-256 (hex) of the lines `SHA256  PATH` (the policies' source hashes, as sha256sum prints
    /// them), sorted by path.
    public static func policySetSHA256(_ policies: [Policy]) -> String {
        let text = policies.sorted { $0.sourcePath < $1.sourcePath }
            .map { "\($0.sourceSHA256)  \($0.sourcePath)\n" }.joined()
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The controls in force, in policy source-path order then declaration order, with their evaluators.
    func plan() -> (results: [ControlResult], evaluators: [ControlEvaluator], diagnostics: [Diagnostic]) {
        var results: [ControlResult] = []
        var evaluators: [ControlEvaluator] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: SourceLocation] = [:]
        for policy in policies.sorted(by: { $0.sourcePath < $1.sourcePath }) where !policy.draft {
            for control in policy.controls {
                let problems = ControlCatalogue.problems(check: control.check, params: control.params)
                for problem in problems {
                    diagnostics.append(.error("control \(control.id): \(problem.message)", at: control.location))
                }
                if let first = seen[control.id] {
                    diagnostics.append(
                        .error(
                            "control id \(control.id) is declared twice (first at \(first.path):\(first.line))",
                            at: control.location))
                }
                seen[control.id] = seen[control.id] ?? control.location
                let params = ControlCatalogue.resolvedParams(check: control.check, params: control.params)
                guard problems.isEmpty, let evaluator = ControlEvaluator.make(check: control.check, params: params)
                else {
                    continue
                }
                var missing: [String] = []
                for input in ControlEvaluator.inputs(of: control.check) {
                    if input == "roster", roster == nil { missing.append(input) }
                    if input == "records", training == nil { missing.append(input) }
                    if input == "exposures", configuration.exposures == nil { missing.append(input) }
                }
                results.append(
                    ControlResult(
                        id: control.id, title: control.title, check: control.check, severity: control.severity,
                        params: params,
                        rule: ControlCatalogue.ruleDescription(check: control.check, params: control.params),
                        frameworks: control.frameworks, remediation: control.remediation,
                        policy: PolicyReference(policy),
                        location: control.location,
                        frameworkNotes: FrameworkBaseline.notes(for: control, params: params),
                        missingInputs: missing))
                evaluators.append(evaluator)
            }
        }
        return (results, evaluators, diagnostics)
    }

    /// Runs the audit over `inventories`. The report is nil when any input had an error.
    public func run(inventories: [InventorySource]) -> AuditOutcome {
        let planned = plan()
        var results = planned.results
        let evaluators = planned.evaluators
        var diagnostics = planned.diagnostics
        let context = AuditContext(
            asOf: configuration.asOf, roster: roster, training: training, exposures: configuration.exposures)
        let keyChecks: [(result: Int, check: any KeyCheck)] = evaluators.enumerated().compactMap { index, evaluator in
            if case .key(let check) = evaluator { return (index, check) }
            return nil
        }
        var merger = BatchMerger(
            checkCount: keyChecks.count, skipBadRows: configuration.skipBadRows)
        var inputs: [AuditReport.Input] = []
        for (inputIndex, source) in inventories.enumerated() {
            let input = read(
                source, inputIndex: inputIndex, checks: keyChecks.map(\.check), context: context, into: &merger)
            if let input { inputs.append(input) }
        }
        diagnostics += merger.diagnostics
        for (slot, entry) in keyChecks.enumerated() { results[entry.result].findings = merger.findings[slot] }

        for (index, evaluator) in evaluators.enumerated() {
            switch evaluator {
            case .key: break
            case .policy(let check):
                results[index].findings = policies.filter { !$0.draft }.sorted { $0.sourcePath < $1.sourcePath }
                    .compactMap { check.evaluate($0, in: context) }
            case .training(let check):
                results[index].findings = check.evaluate(
                    quizzes: quizzes.filter { !$0.draft }, policies: policies.filter { !$0.draft }, in: context)
            case .inventory(let check):
                results[index].findings = check.evaluate(
                    exposures: configuration.exposures, tracked: merger.trackedSecrets)
            }
        }
        guard !diagnostics.hasErrors else { return AuditOutcome(report: nil, diagnostics: diagnostics) }

        var missingInputs: [MissingInput] = []
        for input in ["roster", "records", "exposures"] {
            let neededBy = results.filter { $0.missingInputs.contains(input) }.map(\.id)
            if !neededBy.isEmpty { missingInputs.append(MissingInput(input: input, neededBy: neededBy)) }
        }
        var report = AuditReport(
            asOf: configuration.asOf, generatedAt: configuration.generatedAt, toolVersion: configuration.toolVersion,
            inputs: inputs + configuration.otherInputs, policySetSHA256: Self.policySetSHA256(policies),
            policyCount: policies.count, keysRead: merger.keyCount, activeKeys: merger.activeKeyCount,
            controls: results,
            skippedRows: merger.skippedRows, missingInputs: missingInputs, warnings: merger.allReportWarnings)
        report.history = configuration.history.map { $0 + [HistoryEntry(report)] } ?? []
        return AuditOutcome(report: report, diagnostics: diagnostics)
    }

    /// Reads one inventory into `merger`; the input's identity, or nil when it could not be read.
    private func read(
        _ source: InventorySource, inputIndex: Int, checks: [any KeyCheck], context: AuditContext,
        into merger: inout BatchMerger
    ) -> AuditReport.Input? {
        var chunks: CSVChunkReader
        do {
            switch source.contents {
            case .file(let path): chunks = try CSVChunkReader(path: path, blockSize: configuration.blockSize)
            case .bytes(let bytes): chunks = CSVChunkReader(bytes: bytes, blockSize: configuration.blockSize)
            }
            guard let first = try chunks.next() else {
                merger.diagnostics.append(.error("the inventory is empty", at: SourceLocation(path: source.path)))
                return nil
            }
            let syntax = InventoryFormat.syntax(path: source.path, firstBytes: first.bytes.prefix(64))
            if syntax != .csv {
                // JSON and YAML are read whole.
                var bytes = first.bytes
                while let chunk = try chunks.next() { bytes += chunk.bytes }
                if configuration.format == .credentialReport {
                    merger.diagnostics.append(
                        .error(
                            "a credential report is a CSV file, not \(syntax.rawValue)",
                            at: SourceLocation(path: source.path)))
                    return nil
                }
                let (rows, fileDiagnostics) =
                    syntax == .json
                    ? NativeInventoryReader.readJSON(bytes: bytes, path: source.path, redactor: configuration.redactor)
                    : NativeInventoryReader.readYAML(bytes: bytes, path: source.path, redactor: configuration.redactor)
                merger.diagnostics += fileDiagnostics
                var batch = KeyBatch(checkCount: checks.count)
                for row in rows {
                    batch.rows += 1
                    if let key = row.key { batch.add(key, checks: checks, context: context) }
                    batch.record(row.diagnostics, line: row.line)
                }
                merger.merge(batch, path: source.path, inputIndex: inputIndex)
                return AuditReport.Input(kind: "inventory", path: source.path, sha256: chunks.sha256, rows: rows.count)
            }

            var scanner = CSVRowScanner(bytes: first.bytes, startsInput: true)
            guard let header = try readHeader(&scanner, path: source.path, into: &merger) else { return nil }
            let format = configuration.format ?? InventoryFormat.detect(csvHeader: header.fields)
            let decoder: (any InventoryRecordDecoder)?
            let headerDiagnostics: [Diagnostic]
            switch format {
            case .native:
                let made = NativeCSVDecoder.make(header: header, path: source.path, redactor: configuration.redactor)
                decoder = made.decoder
                headerDiagnostics = made.diagnostics
            case .credentialReport:
                let made = CredentialReportReader.make(
                    header: header, path: source.path, owners: configuration.ownerMap, redactor: configuration.redactor)
                decoder = made.reader
                headerDiagnostics = made.diagnostics
            }
            merger.diagnostics += headerDiagnostics
            guard let decoder else { return nil }

            // The rest of the first block, then every block, checked on every core while the next
            // blocks are read; merged in file order, up to the first syntax error (a sequential read
            // stops there too).
            var pipeline = KeyBatchPipeline(limit: configuration.parallelism * 2)
            var rows = 0
            var stopped = false
            func merge(_ batch: KeyBatch) {
                guard !stopped else { return }
                rows += batch.rows
                merger.merge(batch, path: source.path, inputIndex: inputIndex)
                if batch.syntaxError != nil { stopped = true }
            }
            let path = source.path
            pipeline.submit { [scanner] in
                var scanner = scanner
                return KeyBatch.read(
                    &scanner, firstLine: first.firstLine, path: path, decoder: decoder, checks: checks,
                    context: context)
            }
            while !stopped, let chunk = try chunks.next() {
                pipeline.submit {
                    var scanner = CSVRowScanner(bytes: chunk.bytes, startsInput: false)
                    return KeyBatch.read(
                        &scanner, firstLine: chunk.firstLine, path: path, decoder: decoder, checks: checks,
                        context: context)
                }
                while let batch = pipeline.nextWhenFull() { merge(batch) }
            }
            while let batch = pipeline.next() { merge(batch) }
            return AuditReport.Input(kind: "inventory", path: source.path, sha256: chunks.sha256, rows: rows)
        } catch let error as CSVError {
            merger.diagnostics.append(
                .error(error.message, at: SourceLocation(path: source.path, line: error.line, column: error.column)))
        } catch {
            merger.diagnostics.append(
                .error(
                    "cannot read the inventory: \(error.localizedDescription)", at: SourceLocation(path: source.path)))
        }
        return nil
    }

    /// The header row, its names redacted (a warning for each that held a secret).
    private func readHeader(_ scanner: inout CSVRowScanner, path: String, into merger: inout BatchMerger)
        throws(CSVError) -> CSVRecord?
    {
        var header = InventoryRow()
        guard try scanner.next(into: &header) else {
            merger.diagnostics.append(.error("the inventory has no header row", at: SourceLocation(path: path)))
            return nil
        }
        let redacted = configuration.redactor.redact(&header)
        let record = header.record
        for index in redacted {
            merger.addWarning(
                SecretRedactor.warning(
                    "the name of column \(index + 1)",
                    at: SourceLocation(
                        path: path, line: record.line(ofField: index), column: record.column(ofField: index))))
        }
        return record
    }
}
