import Foundation
import HandbookContent
import Markdown

/// The parsers under fuzzing.
enum FuzzTarget: String, CaseIterable {
    case csv

    /// From the FUZZ_TARGET environment variable.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(
                Data("FUZZ_TARGET must be one of: \(allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .csv:
            var reader = CSVReader(bytes: bytes)
            _ = try? reader.readAll()
        }
    }
}
