/// The formats `attest scan --format` writes, and the file each goes to.
public enum ScanReportFormat: String, CaseIterable, Sendable {
    case json, sarif, csv, md

    public var fileName: String {
        switch self {
        case .json: "report.json"
        case .sarif: "report.sarif"
        case .csv: "findings.csv"
        case .md: "report.md"
        }
    }

    /// The report's bytes in this format.
    public func render(_ report: ScanReport) -> [UInt8] {
        switch self {
        case .json: ScanJSONWriter.render(report)
        case .sarif: ScanSARIFWriter.render(report)
        case .csv: Array(ScanCSVWriter.render(report).utf8)
        case .md: Array(ScanMarkdownWriter.render(report).utf8)
        }
    }
}
