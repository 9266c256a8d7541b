import Foundation
import HandbookContent
import TrainingRecords

@testable import Audit

/// Builders for test inputs: dates, controls, policies, rosters, training standings and runs.
enum AuditFixtures {
    static let asOf = date("2026-11-27")

    static func date(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
        return date
    }

    static func context(roster: Roster? = nil, training: TrainingStatus? = nil, asOf: CalendarDate = asOf)
        -> AuditContext
    {
        AuditContext(asOf: asOf, roster: roster, training: training)
    }

    static func key(_ id: String = "key-1", _ configure: (inout InventoryKey) -> Void = { _ in }) -> InventoryKey {
        var key = InventoryKey(
            id: id, type: .secret, mode: .live, owner: "alice@example.com", createdAt: date("2026-10-01"),
            source: SourceLocation(path: "inventory.csv", line: 2))
        configure(&key)
        return key
    }

    static func control(
        _ id: String, _ check: String, _ params: [String: ParameterValue] = [:], severity: ControlSeverity = .high,
        frameworks: [String] = [], policyID: String = "key-management", line: Int = 10
    ) -> Control {
        Control(
            id: id, check: check, title: "\(id) title", severity: severity, params: params, frameworks: frameworks,
            remediation: "Fix \(id).", policyID: policyID,
            location: SourceLocation(path: "content/policies/keys/\(policyID).md", line: line, column: 3))
    }

    static func policy(
        _ id: String = "key-management", controls: [Control], draft: Bool = false,
        lastReviewed: CalendarDate = date("2026-06-01"), reviewEveryDays: Int = 365
    ) -> Policy {
        Policy(
            id: id, title: "\(id) policy", owner: "security@example.com", version: PolicyVersion("1.0")!,
            lastReviewed: lastReviewed, reviewEveryDays: reviewEveryDays, draft: draft, controls: controls,
            section: "keys", sourcePath: "content/policies/keys/\(id).md",
            sourceSHA256: String(repeating: "a", count: 64))
    }

    static let roster = Roster(people: [
        Person(email: "alice@example.com", name: "Alice", groups: ["engineering"]),
        Person(email: "bob@example.com", name: "Bob", groups: ["engineering"]),
        Person(email: "carol@example.com", name: "Carol", groups: ["sales"]),
        Person(email: "dave@example.com", name: "Dave", groups: ["engineering"], active: false),
    ])

    static func quiz(_ id: String = "key-handling", audience: [String] = []) -> Quiz {
        Quiz(
            id: id, title: id, policies: ["key-management"], audience: audience, questions: [],
            sourcePath: "content/quizzes/\(id).md")
    }

    /// A training standing where each (email, quiz) pair listed holds a current pass.
    static func training(passes: [(String, String)], asOf: CalendarDate = asOf) -> TrainingStatus {
        TrainingStatus(
            asOf: asOf,
            requirements: passes.map { email, quiz in
                TrainingRequirement(
                    person: roster.person(email) ?? Person(email: email, name: email), quizID: quiz, state: .current,
                    lastPassed: asOf.adding(days: -10), expires: asOf.adding(days: 355), due: nil)
            })
    }

    static func configuration(
        skipBadRows: Bool = false, format: InventoryFormat? = nil, ownerMap: OwnerMap? = nil, blockSize: Int = 4 << 20,
        generatedAt: String = "2026-11-27T12:00:00Z", history: [HistoryEntry]? = nil
    ) -> AuditRunner.Configuration {
        AuditRunner.Configuration(
            asOf: asOf, generatedAt: generatedAt, toolVersion: "0.1.0-test", skipBadRows: skipBadRows, format: format,
            ownerMap: ownerMap, history: history, parallelism: 2, blockSize: blockSize)
    }

    static func run(
        _ inventories: [(String, String)], policies: [Policy], quizzes: [Quiz] = [], roster: Roster? = roster,
        training: TrainingStatus? = nil, configuration: AuditRunner.Configuration = configuration()
    ) -> AuditOutcome {
        AuditRunner(
            policies: policies, quizzes: quizzes, roster: roster, training: training, configuration: configuration
        )
        .run(inventories: inventories.map { .init(path: $0.0, contents: .bytes(Array($0.1.utf8))) })
    }

    /// A temporary folder, removed by `body`'s caller through the returned cleanup.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attest-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
