import Audit
import Foundation
import HandbookContent
import Scan
import Secrets
import TrainingRecords

/// What an audit reads besides its inventories, loaded one way for `attest audit` and `attest
/// evidence`: the handbook, the roster, the training records (decoded and chain-verified), the
/// redactor built from the handbook's secret catalogue, and the optional owner map, history and leak
/// scan reports. Every problem is a diagnostic; nothing is written.
struct AuditInputs {
    /// The options that name the inputs, as given on the command line.
    struct Options {
        var people: String?
        var records: String?
        var recordsPasswordFile: String?
        var ownerMap: String?
        var history: String?
        var exposures: [String] = []
        /// Whether a records database that does not exist is an error even when it comes from
        /// handbook.yml (evidence rests on records; an audit may run without them).
        var recordsRequired = false
    }

    let files: AuditInputFiles
    var handbook: Handbook?
    /// The roster's path (the option, else handbook.yml's `people`); nil when neither names one.
    var peoplePath: String?
    /// The records' location (the option or ATTEST_RECORDS_URL, else handbook.yml's `records`).
    var recordsPath: String?
    var roster: Roster?
    var rosterInput: AuditReport.Input?
    var attempts: [AttemptRecord]?
    var recordsInput: AuditReport.Input?
    /// The one redactor: the leak scanner's catalogue, built-in rules and content/scan-rules.yml.
    var redactor: SecretRedactor
    var ownerMap: OwnerMap?
    /// The `--history` runs so far; nil without `--history`.
    var history: [HistoryEntry]?
    var exposures: ExposureIndex?
    /// The owner map, roster, records and scan reports, as the audit report names its inputs.
    var otherInputs: [AuditReport.Input]
    var diagnostics: [Diagnostic]

    /// Loads every input `options` names under `root`. The records load on one core while the
    /// roster is read on the other.
    static func load(root: String, options: Options) async -> AuditInputs {
        var diagnostics: [Diagnostic] = []
        let (handbook, handbookDiagnostics) = HandbookLoader.load(root: root)
        diagnostics += handbookDiagnostics
        let files = AuditInputFiles(root: root)
        let peoplePath = options.people ?? handbook?.config.people.map { files.resolve($0, fromRoot: true) }
        let givenRecords = TrainingInputs.givenRecords(options.records)
        let recordsPath = givenRecords ?? handbook?.config.records.map { files.resolve($0, fromRoot: true) }
        async let loadedRecords = files.loadRecords(
            recordsPath, explicit: givenRecords != nil || options.recordsRequired,
            passwordFile: options.recordsPasswordFile)
        let (roster, rosterInput, rosterDiagnostics) = files.loadRoster(peoplePath)
        diagnostics += rosterDiagnostics
        let (attempts, recordsInput, recordsDiagnostics) = await loadedRecords
        diagnostics += recordsDiagnostics
        let (catalogue, ruleDiagnostics) = ScanRules.catalogue(root: root)
        diagnostics += ruleDiagnostics
        let redactor = catalogue.map { SecretRedactor(catalogue: $0) } ?? .standard
        var otherInputs = [rosterInput, recordsInput].compactMap { $0 }
        var owners: OwnerMap?
        if let path = options.ownerMap {
            let (map, input, mapDiagnostics) = files.loadOwnerMap(path, redactor: redactor)
            owners = map
            diagnostics += mapDiagnostics
            if let input { otherInputs.insert(input, at: 0) }
        }
        var history: [HistoryEntry]?
        if let path = options.history {
            let (entries, historyDiagnostics) = files.loadHistory(path)
            history = entries
            diagnostics += historyDiagnostics
        }
        var exposures: ExposureIndex?
        if !options.exposures.isEmpty {
            let (sightings, inputs, exposureDiagnostics) = files.loadExposures(options.exposures)
            exposures = ExposureIndex(sightings)
            otherInputs += inputs
            diagnostics += exposureDiagnostics
        }
        return AuditInputs(
            files: files, handbook: handbook, peoplePath: peoplePath, recordsPath: recordsPath, roster: roster,
            rosterInput: rosterInput, attempts: attempts, recordsInput: recordsInput, redactor: redactor,
            ownerMap: owners, history: history, exposures: exposures, otherInputs: otherInputs,
            diagnostics: diagnostics)
    }
}
