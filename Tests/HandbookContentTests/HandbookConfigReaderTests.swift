import HandbookContent
import Testing

@Suite struct HandbookConfigReaderTests {
    let path = "content/handbook.yml"

    @Test func readsEveryKey() throws {
        let (config, diagnostics) = HandbookConfigReader.read(
            text: """
                title: Key Handbook
                organization: Example Corp
                base_url: https://handbook.example.com/
                description: How we handle secret API keys.
                sections: [keys, access]
                admins:
                  - Security@Example.com
                links: warn
                people: content/data/people.csv
                records: .attest/db.sqlite
                """, path: path)
        #expect(diagnostics.isEmpty)
        let value = try #require(config)
        #expect(
            value
                == HandbookConfig(
                    title: "Key Handbook", organization: "Example Corp", baseURL: "https://handbook.example.com/",
                    sections: ["keys", "access"], admins: ["security@example.com"], links: .warn,
                    people: "content/data/people.csv", records: ".attest/db.sqlite",
                    description: "How we handle secret API keys."))
    }

    @Test func defaults() throws {
        let (config, diagnostics) = HandbookConfigReader.read(text: "title: T\n", path: path)
        #expect(diagnostics.isEmpty)
        #expect(config == HandbookConfig(title: "T"))
    }

    @Test func reportsEveryProblemAtItsPlace() {
        let (config, diagnostics) = HandbookConfigReader.read(
            text: """
                organization: X
                links: sometimes
                admins: [not-an-email]
                colour: blue
                sections: {a: 1}
                """, path: path)
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/handbook.yml:4:1: warning: unknown key 'colour' in handbook.yml, ignored; known keys: title, organization, base_url, description, sections, admins, links, people, records, reminders",
                "content/handbook.yml:1:1: error: missing required field 'title' (the handbook's title)",
                "content/handbook.yml:5:11: error: 'sections' must be a list of section folder names, got a mapping",
                "content/handbook.yml:3:10: error: 'admins' must list email addresses, got 'not-an-email'",
                "content/handbook.yml:2:8: error: 'links' must be fail or warn, got 'sometimes'",
            ])
    }

    @Test func yamlSyntaxErrorsHaveTheirLine() {
        let (config, diagnostics) = HandbookConfigReader.read(text: "title: T\nsections: [a, b\n", path: path)
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/handbook.yml:2:11: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence, which starts here)"
            ])
        let tab = HandbookConfigReader.read(text: "title: T\nsections:\n\t- a\n", path: path).diagnostics
        #expect(tab.map(\.location) == [SourceLocation(path: path, line: 3, column: 1)])
        let nested = HandbookConfigReader.read(text: "title: a: b\n", path: path).diagnostics
        #expect(
            nested.map(\.description) == [
                "content/handbook.yml:1:9: error: invalid YAML: mapping values are not allowed in this context"
            ])
    }

    @Test func duplicateKeysAreErrors() {
        let (config, diagnostics) = HandbookConfigReader.read(text: "links: warn\ntitle: A\ntitle: B\n", path: path)
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/handbook.yml:2:1: error: key 'title' is written more than once in this mapping (first here)"
            ])
    }

    @Test func aListIsNotAConfig() {
        let (config, diagnostics) = HandbookConfigReader.read(text: "- title\n", path: path)
        #expect(config == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/handbook.yml:1:1: error: expected a mapping of 'key: value' lines, got a list"
            ])
    }
}

@Suite struct ReminderSettingsReaderTests {
    @Test func defaultsWhenAbsentAndEveryFieldWhenGiven() {
        let (plain, _) = HandbookConfigReader.read(text: "title: T\n", path: "content/handbook.yml")
        #expect(plain?.reminders == .defaults)
        #expect(plain?.reminders.beforeDays == [14, 3])
        let yaml = """
            title: T
            reminders:
              before_days: [3, 21]
              on_due_date: false
              overdue_every_days: 5
              manager_after_days: never
              from: Security Team <security@example.com>
              reply_to: help@example.com

            """
        let (config, diagnostics) = HandbookConfigReader.read(text: yaml, path: "content/handbook.yml")
        #expect(diagnostics.isEmpty)
        let reminders = config?.reminders
        #expect(reminders?.beforeDays == [21, 3])
        #expect(reminders?.onDueDate == false)
        #expect(reminders?.overdueEveryDays == 5)
        #expect(reminders?.managerAfterDays == nil)
        #expect(reminders?.from == Mailbox(name: "Security Team", email: "security@example.com"))
        #expect(reminders?.replyTo == Mailbox(email: "help@example.com"))
    }

    @Test func badValuesAreErrorsAtTheirLineAndColumn() {
        let yaml = """
            title: T
            reminders:
              before_days: [14, soon]
              overdue_every_days: -1
              from: not an address
              colour: blue

            """
        let (config, diagnostics) = HandbookConfigReader.read(text: yaml, path: "content/handbook.yml")
        #expect(config == nil)
        let shown = diagnostics.map(\.description)
        #expect(shown.contains { $0.hasPrefix("content/handbook.yml:3:21: error: 'before_days' must list") })
        #expect(shown.contains { $0.hasPrefix("content/handbook.yml:4:23: error: 'overdue_every_days' must be") })
        #expect(shown.contains { $0.hasPrefix("content/handbook.yml:5:9: error: 'from' must be an email address") })
        #expect(shown.contains { $0.hasPrefix("content/handbook.yml:6:3: warning: unknown key 'colour' in reminders") })
        let (notMapping, more) = HandbookConfigReader.read(text: "title: T\nreminders: 7\n", path: "h.yml")
        #expect(notMapping == nil)
        #expect(more.map(\.description).contains { $0.hasPrefix("h.yml:2:12: error: 'reminders' must be a mapping") })
    }
}
