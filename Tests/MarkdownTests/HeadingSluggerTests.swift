import Markdown
import Testing

@Suite struct HeadingSluggerTests {
    // Expected values are GitHub's anchors for these headings.
    @Test(arguments: [
        ("Hello, World!", "hello-world"),
        ("API keys & secrets", "api-keys--secrets"),
        ("Rotate keys (every 90 days)", "rotate-keys-every-90-days"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("Ünïcödé Straße", "ünïcödé-straße"),
        ("  Leading space", "--leading-space"),
        ("What's new? v2.1", "whats-new-v21"),
        ("Emoji 🔑 keys", "emoji--keys"),
    ])
    func baseSlugMatchesGitHub(heading: String, slug: String) {
        #expect(HeadingSlugger.baseSlug(heading) == slug)
    }

    @Test func duplicatesAreNumberedInOrder() {
        var slugger = HeadingSlugger()
        let slugs = ["Setup", "Setup", "Setup-1", "Setup"].map { slugger.slug(for: $0) }
        // GitHub: setup, setup-1, then "setup-1" is taken so it becomes setup-1-1, then setup-2.
        #expect(slugs == ["setup", "setup-1", "setup-1-1", "setup-2"])
    }
}
