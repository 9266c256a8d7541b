import HandbookContent
import Testing

@Suite struct RosterReaderTests {
    static let path = "content/data/people.csv"

    static func read(_ text: String) -> (roster: Roster?, diagnostics: [Diagnostic]) {
        RosterReader.read(bytes: Array(text.utf8), path: path)
    }

    @Test func readsPeople() throws {
        let (roster, diagnostics) = Self.read(
            """
            email,name,team,groups,active,start_date,manager
            Ada@Example.com,Ada Lovelace,Platform,engineering;key-holders,true,2024-03-01,grace@example.com
            grace@example.com,"Hopper, Grace",Security, security ,FALSE,,
            """)
        #expect(diagnostics.isEmpty)
        let people = try #require(roster).people
        #expect(
            people == [
                Person(
                    email: "ada@example.com", name: "Ada Lovelace", team: "Platform",
                    groups: ["engineering", "key-holders"],
                    active: true, startDate: CalendarDate(year: 2024, month: 3, day: 1), manager: "grace@example.com"),
                Person(
                    email: "grace@example.com", name: "Hopper, Grace", team: "Security", groups: ["security"],
                    active: false),
            ])
        #expect(roster?.person("ADA@example.com")?.name == "Ada Lovelace")
        #expect(roster?.groups == ["engineering", "key-holders", "security"])
        #expect(roster?.sourcePath == Self.path)
    }

    @Test func columnsMayComeInAnyOrderAndBeOmitted() throws {
        let (roster, diagnostics) = Self.read("name,email\nAda,ada@example.com\n")
        #expect(diagnostics.isEmpty)
        #expect(roster?.people == [Person(email: "ada@example.com", name: "Ada")])
    }

    @Test func badRowsAreReportedWithLineAndColumn() {
        let (roster, diagnostics) = Self.read(
            """
            email,name,team,groups,active,start_date,manager
            ada@example.com,Ada,T,g,true,2024-01-01,
            not-an-email,Bob,T,g,yes,2024-13-01,boss

            ada@EXAMPLE.com,Ada Again,T,g,true,,
            carol@example.com,Carol,T
            dan@example.com,,T,g,false,2024-02-29,
            """)
        #expect(roster == nil)
        #expect(
            diagnostics.map(\.description) == [
                "\(Self.path):3:1: error: 'not-an-email' is not an email address",
                "\(Self.path):3:22: error: 'active' must be true or false, got 'yes'",
                "\(Self.path):3:26: error: 'start_date' must be a date YYYY-MM-DD, got '2024-13-01'",
                "\(Self.path):3:37: error: 'manager' must be an email address, got 'boss'",
                "\(Self.path):5:1: error: duplicate email 'ada@example.com' (first on line 2)",
                "\(Self.path):6:1: error: expected 7 fields as in the header, found 3",
                "\(Self.path):7:17: error: the name is empty",
            ])
    }

    @Test func headerNeedsEmailAndName() {
        let (roster, diagnostics) = Self.read("mail,team\nx,y\n")
        #expect(roster == nil)
        #expect(
            diagnostics.map(\.description) == [
                "\(Self.path):1:1: warning: unknown column 'mail', ignored; known columns: email, name, team, groups, active, start_date, manager",
                "\(Self.path):1:1: error: the header is missing required columns 'email', 'name'; expected: email,name,team,groups,active,start_date,manager",
            ])
    }

    @Test func emptyFileAndBrokenQuotes() {
        #expect(Self.read("").diagnostics.first?.location == SourceLocation(path: Self.path, line: 1, column: 1))
        let (roster, diagnostics) = Self.read("email,name\n\"ada@example.com,Ada\n")
        #expect(roster == nil)
        #expect(diagnostics.map(\.description) == ["\(Self.path):2:1: error: malformed CSV: unterminated quoted field"])
    }
}

@Suite struct RosterFileTests {
    @Test func readsTheFileRelativeToTheRoot() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("content/data/people.csv", "email,name\nada@example.com,Ada\n")
        let (roster, diagnostics) = RosterReader.read(root: directory.path, path: "content/data/people.csv")
        #expect(diagnostics.isEmpty)
        #expect(roster?.people.map(\.email) == ["ada@example.com"])
        #expect(roster?.sourcePath == "content/data/people.csv")

        let (missing, missingDiagnostics) = RosterReader.read(root: directory.path, path: "content/data/nobody.csv")
        #expect(missing == nil)
        #expect(
            missingDiagnostics.first?.location == SourceLocation(path: "content/data/nobody.csv", line: 1, column: 1))
    }
}
