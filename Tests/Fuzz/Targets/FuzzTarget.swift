import Audit
import Foundation
import HandbookContent
import Markdown
import Scan
import Secrets

/// The parsers under fuzzing. Each reads bytes as the named file would be read and must return
/// diagnostics, never crash.
enum FuzzTarget: String, CaseIterable {
    /// Front matter and policy reader (controls, parameters, parameter quoting in the body).
    case policy
    /// Quiz reader (front matter, questions, options, explanations).
    case quiz
    /// Roster CSV reader.
    case roster
    /// Inventory readers: native CSV, JSON or YAML (the first byte picks which), through the audit.
    case inventory
    /// AWS IAM credential report, through the audit.
    case credentialReport = "credential-report"
    /// The RFC 4180 CSV reader underneath.
    case csv
    /// The leak scanner's byte scan (the catalogue, plausibility, allow lines, line and column).
    case scan
    /// The zip reader of app bundles, through the scanner (nested archives too).
    case archive

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
        case .policy:
            guard let file = try? SourceFile(bytes: bytes, path: "content/policies/fuzz.md") else { return }
            let output = PolicyReader.read(file)
            if let policy = output.policy {
                let document = MarkdownDocument(parsing: policy.body)
                _ = ParameterQuoting.apply(
                    to: document, controls: policy.controls, sourcePath: policy.sourcePath,
                    bodyStartLine: policy.bodyStartLine)
            }
        case .quiz:
            guard let file = try? SourceFile(bytes: bytes, path: "content/quizzes/fuzz.md") else { return }
            _ = QuizReader.read(file)
        case .roster:
            _ = RosterReader.read(bytes: bytes, path: "content/data/people.csv")
        case .inventory:
            let extensions = ["csv", "json", "yml"]
            let pick = bytes.first.map { Int($0) % extensions.count } ?? 0
            Self.audit(Array(bytes.dropFirst()), path: "content/data/fuzz.\(extensions[pick])")
        case .credentialReport:
            Self.audit(bytes, path: "content/data/credential-report.csv")
        case .csv:
            var reader = CSVReader(bytes: bytes)
            _ = try? reader.readAll()
        case .scan:
            _ = Self.scanner.scan(bytes: bytes, path: "fuzz.js")
        case .archive:
            _ = Self.scanner.scan(bytes: bytes, path: "fuzz.apk")
        }
    }

    static let scanner = SecretScanner(catalogue: .builtIn, toolVersion: "fuzz", generatedAt: "2026-11-27T00:00:00Z")

    /// A policy whose controls cover every key check, so that decoded keys are evaluated too.
    static let policies: [Policy] = {
        func control(_ id: String, _ check: String, _ params: [String: ParameterValue] = [:]) -> Control {
            Control(
                id: id, check: check, title: id, severity: .high, params: params, frameworks: [], remediation: nil,
                policyID: "fuzz", location: SourceLocation(path: "content/policies/fuzz.md"))
        }
        let controls = [
            control("OWNER", "owner-assigned"), control("OWNER-ACTIVE", "owner-active"),
            control("ROTATION", "rotation-age", ["max_age_days": .integer(90), "warn_days": .integer(14)]),
            control("UNUSED", "unused-key", ["max_idle_days": .integer(60)]),
            control("RESTRICTED", "restricted-for-third-parties"), control("ALLOWLIST", "ip-allowlist"),
            control("STORAGE", "approved-storage", ["allowed": .list(["kms", "vault"])]),
            control("LIVE", "no-live-in-nonprod"), control("ACCESS", "access-least", ["max_people": .integer(3)]),
            control("REVIEW", "access-review", ["max_days": .integer(90)]),
            control("LOGS", "logs-reviewed", ["max_days": .integer(31)]),
            control("EXPOSED", "exposure-rolled", ["max_days": .integer(7)]),
        ]
        return [
            Policy(
                id: "fuzz", title: "Fuzz", owner: "fuzz@example.com", version: PolicyVersion("1.0")!,
                lastReviewed: CalendarDate(year: 2026, month: 1, day: 1)!, reviewEveryDays: 365, controls: controls,
                sourcePath: "content/policies/fuzz.md")
        ]
    }()

    static func audit(_ bytes: [UInt8], path: String) {
        // Small blocks of varying size, so that the block splitter is fuzzed too.
        let configuration = AuditRunner.Configuration(
            asOf: CalendarDate(year: 2026, month: 11, day: 27)!, generatedAt: "2026-11-27T00:00:00Z",
            toolVersion: "fuzz", skipBadRows: bytes.count % 2 == 0, parallelism: 1, blockSize: 1 + bytes.count % 97)
        let runner = AuditRunner(
            policies: policies, quizzes: [], roster: Roster(people: [Person(email: "a@example.com", name: "A")]),
            training: nil, configuration: configuration)
        _ = runner.run(inventories: [AuditRunner.InventorySource(path: path, contents: .bytes(bytes))])
    }
}
