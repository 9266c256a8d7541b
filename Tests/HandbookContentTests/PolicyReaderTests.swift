import Foundation
import HandbookContent
import Testing

@Suite struct PolicyReaderTests {
    static let path = "content/policies/keys/rotation.md"

    static let valid = """
        ---
        id: key-rotation
        title: Key rotation
        owner: security@example.com
        version: 2.1
        last_reviewed: 2026-01-15
        review_every_days: 180
        summary: Keys are rolled on a schedule.
        tags: [keys, rotation]
        frameworks: ["PCI DSS 3.6.4"]
        controls:
          - id: KEY-ROTATION
            check: rotation-age
            title: Keys are rotated
            severity: high
            params:
              max_age_days: 90
              types: [secret, restricted]
            frameworks: [SOC 2 CC6.1]
            remediation: Roll the key.
          - id: KEY-STORE
            check: approved-storage
            title: Keys live in the KMS
            severity: medium
            params:
              allowed: kms
        ---
        # Key rotation

        Rotate every {{ controls.KEY-ROTATION.max_age_days }} days.

        """

    static func read(_ text: String) throws -> PolicyReader.Output {
        PolicyReader.read(try SourceFile(bytes: Array(text.utf8), path: path))
    }

    @Test func readsAValidPolicy() throws {
        let output = try Self.read(Self.valid)
        #expect(output.diagnostics.isEmpty)
        let policy = try #require(output.policy)
        #expect(policy.id == "key-rotation")
        #expect(policy.title == "Key rotation")
        #expect(policy.owner == "security@example.com")
        #expect(policy.version.components == [2, 1])
        #expect(policy.lastReviewed.description == "2026-01-15")
        #expect(policy.reviewEveryDays == 180)
        #expect(policy.nextReview.description == "2026-07-14")
        #expect(policy.summary == "Keys are rolled on a schedule.")
        #expect(policy.tags == ["keys", "rotation"])
        #expect(policy.frameworks == ["PCI DSS 3.6.4"])
        #expect(policy.section == "keys")
        #expect(policy.sourcePath == Self.path)
        #expect(policy.bodyStartLine == 28)
        #expect(policy.body.hasPrefix("# Key rotation\n"))
        #expect(policy.sourceSHA256 == SourceFile.hexDigest(Array(Self.valid.utf8)))
        #expect(policy.draft == false)
        #expect(output.idLocation == SourceLocation(path: Self.path, line: 2, column: 5))

        #expect(policy.controls.count == 2)
        let rotation = policy.controls[0]
        #expect(rotation.id == "KEY-ROTATION")
        #expect(rotation.check == "rotation-age")
        #expect(rotation.severity == .high)
        #expect(rotation.params == ["max_age_days": .integer(90), "types": .list(["secret", "restricted"])])
        #expect(rotation.frameworks == ["SOC 2 CC6.1"])
        #expect(rotation.remediation == "Roll the key.")
        #expect(rotation.policyID == "key-rotation")
        #expect(rotation.location == SourceLocation(path: Self.path, line: 12, column: 5))
        #expect(policy.controls[1].params == ["allowed": .string("kms")])
    }

    @Test func versionKeepsItsText() throws {
        let output = try Self.read(Self.valid.replacingFirst("version: 2.1", with: "version: 2.10"))
        #expect(output.policy?.version.text == "2.10")
    }

    @Test func mistypedFieldsAreClearErrors() throws {
        let text = """
            ---
            id: Key Rotation
            title: [a, b]
            owner: security
            version: [1]
            last_reviewed: 2026-02-30
            review_every_days: soon
            draft: maybe
            ---
            body
            """
        let output = try Self.read(text)
        #expect(output.policy == nil)
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):2:5: error: 'id' must be a slug of lowercase letters, digits and '-', got 'Key Rotation'",
                "\(Self.path):3:8: error: 'title' must be the policy's title, got a list",
                "\(Self.path):4:8: error: 'owner' must be the owner's email address, got 'security'",
                "\(Self.path):5:10: error: 'version' must be a version like 2.1 (numbers separated by dots), got a list",
                "\(Self.path):6:16: error: 'last_reviewed' must be a date YYYY-MM-DD, got '2026-02-30'",
                "\(Self.path):7:20: error: 'review_every_days' must be a whole number of days, got 'soon'",
                "\(Self.path):8:8: error: 'draft' must be true or false, got 'maybe'",
            ])
    }

    @Test func missingFieldsAreReportedAtTheFrontMatter() throws {
        let output = try Self.read("---\nid: a\nowner:\n---\n")
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):2:1: error: missing required field 'title' (the policy's title)",
                "\(Self.path):3:1: error: 'owner' has no value; expected the owner's email address",
                "\(Self.path):2:1: error: missing required field 'version' (a version like 2.1 (numbers separated by dots))",
                "\(Self.path):2:1: error: missing required field 'last_reviewed' (a date YYYY-MM-DD)",
                "\(Self.path):2:1: error: missing required field 'review_every_days' (a whole number of days)",
            ])
    }

    @Test func reviewIntervalMustBePositive() throws {
        let output = try Self.read(Self.valid.replacingFirst("review_every_days: 180", with: "review_every_days: 0"))
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):7:20: error: 'review_every_days' must be between 1 and 36500, got 0"
            ])
    }

    @Test func quotedNumberIsNotADayCount() throws {
        let output = try Self.read(
            Self.valid.replacingFirst("review_every_days: 180", with: "review_every_days: \"180\""))
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):7:20: error: 'review_every_days' must be a whole number of days, got the quoted text '180' (remove the quotes)"
            ])
    }

    @Test func noFrontMatterIsAnError() throws {
        let output = try Self.read("# Just a page\n")
        #expect(output.policy == nil)
        #expect(output.diagnostics.first?.location == SourceLocation(path: Self.path, line: 1, column: 1))
        #expect(output.diagnostics.first?.message.hasPrefix("a policy needs front matter") == true)
    }

    @Test func yamlErrorsAreMappedToFileLines() throws {
        let output = try Self.read("---\nid: a\ntitle: \"unterminated\n---\nbody\n")
        #expect(output.policy == nil)
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):3:8: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar, which starts here)"
            ])
    }

    @Test func controlProblemsAreReportedWhereTheyAre() throws {
        let text = """
            ---
            id: key-rotation
            title: Key rotation
            owner: security@example.com
            version: "1.0"
            last_reviewed: 2026-01-15
            review_every_days: 180
            controls:
              - id: KEY-ROTATION
                check: rotation-age
                title: Rotated
                severity: urgent
                params:
                  max_age_days: 0
                  warn_days: soon
                  colour: blue
              - id: KEY-X
                check: rotate-often
                title: X
                severity: low
              - id: KEY-Y
                check: unused-key
                title: Y
                severity: low
              - just a string
            ---
            """
        let output = try Self.read(text)
        #expect(output.policy == nil)
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):12:15: error: 'severity' must be high, medium or low, got 'urgent'",
                "\(Self.path):16:7: error: control 'KEY-ROTATION': unknown parameter 'colour' for check 'rotation-age'; expected one of: max_age_days, warn_days, types, modes",
                "\(Self.path):14:7: error: control 'KEY-ROTATION': parameter 'max_age_days' must be between 1 and 36500, got 0",
                "\(Self.path):15:7: error: control 'KEY-ROTATION': parameter 'warn_days' must be a whole number, got 'soon'",
                "\(Self.path):18:12: error: control 'KEY-X': unknown check 'rotate-often'; expected one of: \(ControlCatalogue.checkNames.joined(separator: ", "))",
                "\(Self.path):21:5: error: control 'KEY-Y': check 'unused-key' requires parameter 'max_idle_days'",
                "\(Self.path):25:5: error: each control must be a mapping with id, check, title and severity, got 'just a string'",
            ])
    }

    @Test func quotedNumbersAreText() throws {
        let output = try Self.read(Self.valid.replacingFirst("max_age_days: 90", with: "max_age_days: \"90\""))
        #expect(
            output.diagnostics.map(\.description) == [
                "\(Self.path):17:7: error: control 'KEY-ROTATION': parameter 'max_age_days' must be a whole number, got '90'"
            ])
    }

    @Test func quizReferencesAreCollected() throws {
        let trained = [
            "  - id: KEY-TRAINED", "    check: access-trained", "    title: Trained", "    severity: low",
            "    params:",
            "      quizzes: [keys-basics, rotation-quiz]", "  - id: KEY-STORE",
        ]
        let text = Self.valid.replacingFirst("  - id: KEY-STORE", with: trained.joined(separator: "\n"))
        let output = try Self.read(text)
        #expect(output.diagnostics.isEmpty)
        #expect(
            output.quizReferences == [
                ContentReference(name: "keys-basics", location: SourceLocation(path: Self.path, line: 26, column: 17)),
                ContentReference(
                    name: "rotation-quiz", location: SourceLocation(path: Self.path, line: 26, column: 30)),
            ])
    }

    @Test func unknownKeysAreWarnings() throws {
        let output = try Self.read(Self.valid.replacingFirst("summary:", with: "sumary:"))
        #expect(output.policy != nil)
        #expect(output.diagnostics.map(\.severity) == [.warning])
        #expect(output.diagnostics.first?.location == SourceLocation(path: Self.path, line: 8, column: 1))
    }

    @Test func sectionIsTheFolderUnderPolicies() {
        #expect(PolicyReader.section(of: "content/policies/keys/rotation.md") == "keys")
        #expect(PolicyReader.section(of: "content/policies/a/b/c.md") == "a/b")
        #expect(PolicyReader.section(of: "content/policies/top.md") == "")
    }
}
