import Audit
import HandbookContent
import Markdown
import Secrets
import TrainingRecords

/// An evidence package for one period: its inputs as plain values, and ``files(pdfs:)``, the
/// package's files in a fixed order with no wall-clock time in them (the same inputs give the same
/// bytes). The policies' PDFs are made outside (``PolicyPDFRenderer`` over ``printPages()``) and
/// handed in, so that the package itself stays a computation on values.
public struct EvidencePackage: Sendable {
    public var organization: String
    public var handbookTitle: String
    public var from: CalendarDate
    public var to: CalendarDate
    /// The package's "now", shown on the index page (default: the period's end).
    public var asOf: CalendarDate
    public var toolVersion: String
    /// The policies in force during the period.
    public var policies: [Policy]
    public var quizzes: [Quiz]
    public var roster: Roster
    /// Every record of the store (the chain is verified over all of them).
    public var records: [AttemptRecord]
    /// The base of xAPI ids (handbook.yml's base_url).
    public var baseURL: String
    /// The audit as of the period's end; nil when no inventory was given.
    public var audit: AuditReport?
    public var inputs: [EvidenceInput]
    /// Each policy's version history from git, by policy id; a policy not listed has front matter only.
    public var histories: [String: [PolicyRevision]]
    /// Every text file of the package goes through it (the audit's redactor: the handbook's catalogue).
    public var redactor: SecretRedactor
    /// The PDF engine's version line when the policies' PDFs are made; nil when they are not.
    public var pdfEngine: String?

    public init(
        organization: String, handbookTitle: String, from: CalendarDate, to: CalendarDate, asOf: CalendarDate,
        toolVersion: String, policies: [Policy], quizzes: [Quiz], roster: Roster, records: [AttemptRecord],
        baseURL: String, audit: AuditReport?, inputs: [EvidenceInput],
        histories: [String: [PolicyRevision]] = [:], redactor: SecretRedactor = .standard,
        pdfEngine: String? = nil
    ) {
        self.histories = histories
        self.redactor = redactor
        self.pdfEngine = pdfEngine
        self.organization = organization
        self.handbookTitle = handbookTitle
        self.from = from
        self.to = to
        self.asOf = asOf
        self.toolVersion = toolVersion
        self.policies = policies
        self.quizzes = quizzes
        self.roster = roster
        self.records = records
        self.baseURL = baseURL
        self.audit = audit
        self.inputs = inputs
    }

    /// Whether a record's time (`YYYY-MM-DDT…`) falls on or before `date`.
    static func recordDate(_ record: AttemptRecord) -> CalendarDate? {
        CalendarDate(parsing: record.recordedAt.prefix(10))
    }

    /// Each policy in force as an HTML page (`policies/ID.html`, by id), with the print stylesheet;
    /// redacted like every file of the package.
    public func policyPages() -> [EvidenceFile] {
        policies.sorted { $0.id < $1.id }.map {
            EvidenceFile(path: "policies/\($0.id).html", text: redactor.redact(policyPage($0)).text)
        }
    }

    /// The pages the policies' PDFs are made from (``PolicyPDFRenderer``): each policy's page as in
    /// ``policyPages()``, its links leading to the published handbook; redacted alike.
    public func printPages() -> [EvidenceFile] {
        policies.sorted { $0.id < $1.id }.map {
            EvidenceFile(
                path: "policies/\($0.id).html", text: redactor.redact(policyPage($0, forPrint: true)).text)
        }
    }

    /// The package's files, manifest.json last. `pdfs`: the policies' PDFs, made from
    /// ``printPages()`` (none when PDFs are not made).
    public func files(pdfs: [EvidenceFile] = []) -> [EvidenceFile] {
        var files: [EvidenceFile] = []
        let people = Set(roster.people.map { $0.email })
        let chain = ChainVerifier.verify(records)
        // Only the roster's people, and only what was known at the period's end.
        let known = records.filter { record in
            guard let date = Self.recordDate(record) else { return false }
            return date <= to && people.contains(record.person.lowercased())
        }
        let inPeriod = known.filter { Self.recordDate($0).map { $0 >= from } ?? false }
        let status = TrainingStatus.compute(
            quizzes: quizzes.filter { !$0.draft }, policies: policies, roster: roster, records: known, asOf: to)
        files.append(EvidenceFile(path: "training/status.csv", text: TrainingStatusReport.render(status, format: .csv)))
        files.append(EvidenceFile(path: "training/team-completion.csv", text: Self.teamCompletionCSV(status)))
        // The export's own writers, so that every kind of record they write comes along.
        files.append(
            EvidenceFile(path: "training/attempts.csv", text: AttemptCSVExport.csv(inPeriod, includeAnswers: false)))
        let xapi = XAPIStatementWriter(baseURL: baseURL, quizzes: quizzes, policies: policies, roster: roster)
        if let xapi { files.append(EvidenceFile(path: "training/attempts.xapi.json", text: xapi.document(inPeriod))) }
        files.append(EvidenceFile(path: "training/chain.json", text: Self.chainJSON(chain)))
        if let audit {
            for format in ReportFormat.allCases {
                let output = ReportOutput()
                format.writer.write(audit, to: output)
                files.append(EvidenceFile(path: "audit/" + format.fileName, text: output.text))
            }
            if !audit.history.isEmpty {
                files.append(EvidenceFile(path: "audit/history.html", text: historyPage(audit.history)))
            }
        }
        // One redaction point for the package: every text file, as the audit's reports are.
        files = files.map {
            EvidenceFile(path: $0.path, text: redactor.redact(String(decoding: $0.bytes, as: UTF8.self)).text)
        }
        files += policyPages()
        files += pdfs
        var index = indexPage(
            files: files.map(\.path), chain: chain, attempts: inPeriod.count, status: status,
            xapiWritten: xapi != nil)
        redactor.redactInPlace(&index)
        files.append(EvidenceFile(path: "index.html", text: index))
        files.sort { $0.path < $1.path }
        let manifest = EvidenceManifest(files: files, toolVersion: toolVersion, inputs: inputs)
        files.append(EvidenceFile(path: EvidenceManifest.fileName, text: manifest.json))
        return files
    }

    /// Completion per team at the period's end: requirements, those current or due soon, the share.
    static func teamCompletionCSV(_ status: TrainingStatus) -> String {
        var output = CSVText.row(["team", "required", "completed", "percent"])
        for team in status.teamCompletion {
            output += CSVText.row([team.team, String(team.required), String(team.completed), String(team.percent)])
        }
        return output
    }

    static func chainJSON(_ chain: ChainVerification) -> String {
        var bytes: [UInt8] = []
        bytes.append(
            contentsOf: "{\n  \"intact\": \(chain.isIntact),\n  \"record_count\": \(chain.recordCount),\n  \"head\": "
                .utf8)
        if let head = chain.head {
            JSONStringLiteral.append(head, to: &bytes)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        bytes.append(contentsOf: ",\n  \"problem\": ".utf8)
        if let problem = chain.problem {
            JSONStringLiteral.append("\(problem)", to: &bytes)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        bytes.append(contentsOf: "\n}\n".utf8)
        return String(decoding: bytes, as: UTF8.self)
    }
}
