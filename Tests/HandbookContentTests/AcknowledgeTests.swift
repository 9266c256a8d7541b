import Foundation
import HandbookContent
import Testing

/// `acknowledge`, `acknowledge_audience`, `acknowledge_within_days`, and controls' `policies`.
@Suite struct AcknowledgeTests {
    static let path = "content/policies/keys/storage.md"

    static func policy(_ extra: String, id: String = "key-storage") -> String {
        """
        ---
        id: \(id)
        title: Storing keys
        owner: security@example.com
        version: "3.1"
        last_reviewed: 2026-01-15
        review_every_days: 365
        \(extra)
        ---
        Text.

        """
    }

    static func read(_ text: String) throws -> PolicyReader.Output {
        PolicyReader.read(try SourceFile(bytes: Array(text.utf8), path: path))
    }

    @Test func readsTheFieldsWithTheirDefaults() throws {
        let plain = try #require(try Self.read(Self.policy("")).policy)
        #expect(!plain.acknowledge)
        #expect(plain.acknowledgeAudience.isEmpty)
        #expect(plain.acknowledgeWithinDays == 30)
        let output = try Self.read(
            Self.policy("acknowledge: true\nacknowledge_audience: [engineering, oncall]\nacknowledge_within_days: 14"))
        #expect(output.diagnostics.isEmpty)
        let policy = try #require(output.policy)
        #expect(policy.acknowledge)
        #expect(policy.acknowledgeAudience == ["engineering", "oncall"])
        #expect(policy.acknowledgeWithinDays == 14)
        #expect(output.audienceReferences.map(\.name) == ["engineering", "oncall"])
        #expect(policy.requiresAcceptance(of: Person(email: "a@example.com", name: "A", groups: ["oncall"])))
        #expect(!policy.requiresAcceptance(of: Person(email: "b@example.com", name: "B", groups: ["sales"])))
    }

    @Test func badValuesAreErrorsWhereTheyAreWritten() throws {
        let output = try Self.read(Self.policy("acknowledge: sometimes\nacknowledge_within_days: -3"))
        #expect(output.policy == nil)
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):8:14: error: 'acknowledge' must be true or false, got 'sometimes'",
                "\(Self.path):9:26: error: 'acknowledge_within_days' must be between 0 and 36500, got -3",
            ])
        let unused = try Self.read(Self.policy("acknowledge_audience: [engineering]"))
        #expect(unused.policy != nil)
        #expect(
            unused.diagnostics.map(\.description) == [
                "\(Self.path):8:23: warning: 'acknowledge_audience' has no effect without 'acknowledge: true'"
            ])
    }

    @Test func controlsNeedQuizzesOrPoliciesAndDescribeBoth() {
        #expect(
            ControlCatalogue.problems(check: "access-trained", params: [:]).map(\.message) == [
                "check 'access-trained' requires parameter 'quizzes' or 'policies' (or both)"
            ])
        #expect(ControlCatalogue.problems(check: "access-trained", params: ["policies": .list(["a"])]).isEmpty)
        #expect(
            ControlCatalogue.problems(check: "training-coverage", params: ["min_percent": .integer(90)]).count == 1)
        #expect(
            ControlCatalogue.ruleDescription(
                check: "access-trained", params: ["quizzes": .list(["q"]), "policies": .list(["p1", "p2"])])
                == "The owner of every key, and everyone with access, holds a current pass of: q; and has accepted "
                + "the current major version of: p1, p2.")
        #expect(
            ControlCatalogue.ruleDescription(
                check: "training-coverage", params: ["policies": .list(["p"]), "min_percent": .integer(90)])
                == "At least 90% of each audience has accepted the current major version of: p.")
    }

    @Test func theLoaderChecksNamedPoliciesAndAudienceGroups() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("content/handbook.yml", "title: Handbook\n")
        try directory.write(
            "content/policies/storage.md",
            Self.policy("acknowledge: true\nacknowledge_audience: [engineering, pilots]"))
        try directory.write("content/policies/plain.md", Self.policy("", id: "plain"))
        try directory.write(
            "content/policies/training.md",
            Self.policy(
                """
                controls:
                  - id: ACCEPTED
                    check: training-coverage
                    title: Accepted
                    severity: low
                    params: {policies: [key-storage, plain, ghost], min_percent: 90}
                """, id: "training"))
        let roster = Roster(
            people: [Person(email: "a@example.com", name: "A", groups: ["engineering"])],
            sourcePath: "content/data/people.csv")
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path, options: .init(roster: roster))
        #expect(handbook == nil)
        #expect(
            diagnostics.sortedByLocation().map(\.description) == [
                "content/policies/storage.md:9:37: error: acknowledge_audience group 'pilots' is not a group of anyone in the roster (content/data/people.csv); known groups: engineering",
                "content/policies/training.md:13:38: error: control names policy 'plain', which asks for no acceptance; add 'acknowledge: true' to its front matter",
                "content/policies/training.md:13:45: error: control names unknown policy 'ghost'; known policy ids: key-storage, plain, training",
            ])
    }
}
