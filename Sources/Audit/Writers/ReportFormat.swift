/// The report formats of `attest audit --format`, with the file each is written to.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case html, json, csv, md, sarif, junit, oscal

    /// The file name in the output folder.
    public var fileName: String {
        switch self {
        case .html: "index.html"
        case .json: "report.json"
        case .csv: "findings.csv"
        case .md: "report.md"
        case .sarif: "report.sarif"
        case .junit: "junit.xml"
        case .oscal: "oscal-assessment-results.json"
        }
    }

    /// The writer for this format.
    public var writer: any ReportWriter {
        switch self {
        case .html: HTMLReportWriter()
        case .json: JSONReportWriter()
        case .csv: CSVReportWriter()
        case .md: MarkdownReportWriter()
        case .sarif: SARIFReportWriter()
        case .junit: JUnitReportWriter()
        case .oscal: OSCALReportWriter()
        }
    }
}
