import Foundation
import HandbookContent
import Testing

@Suite struct HandbookLoaderTests {
    static func policy(id: String, controls: String = "", draft: Bool = false, body: String = "Text.\n") -> String {
        """
        ---
        id: \(id)
        title: Policy \(id)
        owner: security@example.com
        version: "1.0"
        last_reviewed: 2026-01-15
        review_every_days: 365
        draft: \(draft)
        \(controls)
        ---
        \(body)
        """
    }

    static func quiz(id: String, policies: String, audience: String = "[]", draft: Bool = false) -> String {
        """
        ---
        id: \(id)
        title: Quiz \(id)
        policies: \(policies)
        audience: \(audience)
        draft: \(draft)
        ---
        ## Question?

        - [x] yes
        - [ ] no
        """
    }

    /// A small valid handbook.
    static func makeHandbook(in directory: TemporaryDirectory) throws {
        try directory.write("content/handbook.yml", "title: Handbook\n")
        try directory.write(
            "content/policies/keys/storage.md",
            policy(
                id: "key-storage",
                controls: """
                    controls:
                      - id: KEY-STORE
                        check: approved-storage
                        title: Stored in the KMS
                        severity: high
                        params: {allowed: [kms]}
                      - id: KEY-TRAINED
                        check: access-trained
                        title: Holders trained
                        severity: medium
                        params: {quizzes: [keys-basics]}
                    """, body: "Keys live only in {{ controls.KEY-STORE.allowed }}.\n"))
        try directory.write("content/policies/access.md", policy(id: "key-access"))
        try directory.write("content/policies/keys/diagram.png", "png")
        try directory.write(
            "content/quizzes/keys-basics.md", quiz(id: "keys-basics", policies: "[key-storage, key-access]"))
        try directory.write("content/index.md", "# Welcome\n")
        try directory.write("content/guides/index.md", "---\nweight: 2\n---\nNo heading here.\n")
        try directory.write(
            "content/guides/onboarding.md", "---\ntitle: Onboarding\nsummary: Start here\n---\n# Ignored\n")
        try directory.write("content/guides/files/checklist.pdf", "pdf")
        try directory.write("content/data/people.csv", "not,read\n")
        try directory.write("content/data/notes.md", "---\nbroken\n")
        try directory.write("content/.hidden.md", "---\nbroken\n")
        try directory.write("content/guides/.DS_Store", "x")
    }

    @Test func loadsAValidHandbook() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path)
        #expect(diagnostics.isEmpty)
        let value = try #require(handbook)
        #expect(value.root == directory.path)
        #expect(value.config.title == "Handbook")
        #expect(value.policies.map(\.sourcePath) == ["content/policies/access.md", "content/policies/keys/storage.md"])
        #expect(value.policies.map(\.section) == ["", "keys"])
        #expect(value.quizzes.map(\.id) == ["keys-basics"])
        #expect(
            value.pages.map(\.sourcePath) == [
                "content/guides/index.md", "content/guides/onboarding.md", "content/index.md",
            ])
        #expect(value.pages.map(\.title) == ["guides", "Onboarding", "Welcome"])
        #expect(value.pages.map(\.isIndex) == [true, false, true])
        #expect(value.pages.map(\.section) == ["guides", "guides", ""])
        #expect(value.pages[0].weight == 2)
        #expect(value.pages[1].summary == "Start here")
        #expect(value.assets == ["guides/files/checklist.pdf", "policies/keys/diagram.png"])
    }

    @Test func draftsAreValidatedButLeftOut() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        try directory.write("content/policies/new.md", Self.policy(id: "new-policy", draft: true))
        try directory.write("content/quizzes/new.md", Self.quiz(id: "new-quiz", policies: "[new-policy]", draft: true))
        try directory.write("content/guides/wip.md", "---\ndraft: true\n---\n# WIP\n")

        let (without, withoutDiagnostics) = HandbookLoader.load(root: directory.path)
        #expect(withoutDiagnostics.isEmpty)
        #expect(without?.policies.map(\.id) == ["key-access", "key-storage"])
        #expect(without?.quizzes.map(\.id) == ["keys-basics"])
        #expect(without?.pages.contains { $0.draft } == false)

        let (with, withDiagnostics) = HandbookLoader.load(root: directory.path, options: .init(includeDrafts: true))
        #expect(withDiagnostics.isEmpty)
        #expect(with?.policies.map(\.id) == ["key-access", "key-storage", "new-policy"])
        #expect(with?.quizzes.map(\.id) == ["keys-basics", "new-quiz"])
        #expect(with?.pages.map(\.title).contains("WIP") == true)

        // A published quiz may not cover a draft policy when drafts are left out.
        try directory.write("content/quizzes/keys-basics.md", Self.quiz(id: "keys-basics", policies: "[new-policy]"))
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path)
        #expect(handbook == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/quizzes/keys-basics.md:4:12: error: quiz covers policy 'new-policy', which is a draft and left out (build with --drafts to include it)"
            ])
    }

    @Test func crossChecksReportEveryProblemInOneRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        // Same policy id and control id again; a control naming an unknown quiz.
        try directory.write(
            "content/policies/zz-copy.md",
            Self.policy(
                id: "key-storage",
                controls: """
                    controls:
                      - id: KEY-STORE
                        check: training-coverage
                        title: Coverage
                        severity: low
                        params: {quizzes: [keys-basics, nope], min_percent: 90}
                    """))
        try directory.write(
            "content/quizzes/other.md",
            Self.quiz(id: "keys-basics", policies: "[key-storage, ghost]", audience: "[engineering, pilots]"))
        try directory.write("content/guides/broken.md", "---\ntitle: [x\n")
        let roster = Roster(
            people: [Person(email: "a@example.com", name: "A", groups: ["engineering"])],
            sourcePath: "content/data/people.csv")

        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path, options: .init(roster: roster))
        #expect(handbook == nil)
        #expect(
            diagnostics.sortedByLocation().map(\.description) == [
                "content/guides/broken.md:1:1: error: front matter is not closed: the '---' on line 1 needs a matching '---' line after the YAML",
                "content/policies/zz-copy.md:2:5: error: duplicate policy id 'key-storage' (first declared at content/policies/keys/storage.md:2:5)",
                "content/policies/zz-copy.md:10:5: error: duplicate control id 'KEY-STORE' (first declared at content/policies/keys/storage.md:10:5)",
                "content/policies/zz-copy.md:14:37: error: control names unknown quiz 'nope'; known quiz ids: keys-basics",
                "content/quizzes/other.md:2:5: error: duplicate quiz id 'keys-basics' (first declared at content/quizzes/keys-basics.md:2:5)",
                "content/quizzes/other.md:4:25: error: quiz covers unknown policy 'ghost'; known policy ids: key-access, key-storage",
                "content/quizzes/other.md:5:25: error: audience group 'pilots' is not a group of anyone in the roster (content/data/people.csv); known groups: engineering",
            ])
    }

    @Test func unknownParameterReferenceFailsTheLoad() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        try directory.write(
            "content/policies/access.md",
            Self.policy(id: "key-access", body: "Intro.\n\nAt most {{ controls.NOPE.max_people }} people.\n"))
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path)
        #expect(handbook == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/policies/access.md:13:9: error: unknown reference 'controls.NOPE.max_people': this policy declares no control 'NOPE' (it declares no controls)"
            ])
    }

    @Test func missingContentOrConfigIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (none, noneDiagnostics) = HandbookLoader.load(root: directory.path)
        #expect(none == nil)
        #expect(noneDiagnostics.count == 1)
        #expect(noneDiagnostics.first?.location == nil)
        #expect(noneDiagnostics.first?.message.hasPrefix("no content/ folder") == true)

        try directory.write("content/index.md", "# Home\n")
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path)
        #expect(handbook == nil)
        #expect(
            diagnostics.map(\.description) == [
                "error: missing content/handbook.yml: it holds the handbook's title and settings (at least 'title: …')"
            ])
    }

    @Test func nonUTF8FilesAreReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        try directory.write("content/guides/latin1.md", bytes: [0x23, 0x20, 0x43, 0x61, 0x66, 0xE9, 0x0A])
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path)
        #expect(handbook == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/guides/latin1.md:1:1: error: file is not valid UTF-8 text; save it as UTF-8"
            ])
    }

    @Test func symbolicLinkLoopsAreReportedNotFollowedForever() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        try FileManager.default.createSymbolicLink(
            atPath: directory.path + "/content/guides/loop", withDestinationPath: directory.path + "/content/guides")
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path)
        #expect(handbook == nil)
        #expect(
            diagnostics.map(\.description) == [
                "content/guides/loop:1:1: error: folder is reached twice through a symbolic link; skipped"
            ])
    }

    @Test func manyPagesAreReadInOrderWithEveryDiagnostic() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        for index in 0..<120 {
            let name = "content/bulk/section-\(index / 40)/page-\(String(index).leftPadded(to: 3)).md"
            try directory.write(name, index % 50 == 5 ? "---\nweight: w\(index)\n---\n" : "# Page \(index)\n\nText.\n")
        }
        let (handbook, diagnostics) = HandbookLoader.load(root: directory.path)
        #expect(handbook == nil)
        #expect(
            diagnostics.map(\.description)
                == [5, 55, 105].map {
                    "content/bulk/section-\($0 / 40)/page-\(String($0).leftPadded(to: 3)).md:2:9: error: 'weight' must be a whole number, got 'w\($0)'"
                })
        for index in [5, 55, 105] {
            try directory.write(
                "content/bulk/section-\(index / 40)/page-\(String(index).leftPadded(to: 3)).md", "# Page \(index)\n")
        }
        let pages = try #require(HandbookLoader.load(root: directory.path).handbook).pages.filter {
            $0.section.hasPrefix("bulk/")
        }
        #expect(pages.map(\.title) == (0..<120).map { "Page \($0)" })
    }

    @Test func isDeterministic() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Self.makeHandbook(in: directory)
        let first = HandbookLoader.load(root: directory.path).handbook
        let second = HandbookLoader.load(root: directory.path).handbook
        #expect(first?.policies == second?.policies)
        #expect(first?.pages == second?.pages)
        #expect(first?.quizzes == second?.quizzes)
        #expect(first?.assets == second?.assets)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
