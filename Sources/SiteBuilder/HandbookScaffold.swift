import Foundation

/// A small but real handbook for `attest init`: settings, one policy with a control quoted in
/// its prose, one page, one quiz, a roster and the default theme. It builds cleanly.
public enum HandbookScaffold {
    /// Why a scaffold could not be written.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The handbook's own files (the theme comes from ``DefaultTheme``), relative to the root.
    public static let contentFiles: [(path: String, contents: String)] = [
        (".gitignore", "/site/\n/.attest/\n"),
        (
            "content/handbook.yml",
            """
            title: Security Handbook
            organization: Example Corp
            base_url: https://handbook.example.com/
            description: How we keep secret API keys safe, and the rules our audit checks.
            sections:
              - policies
              - guides
              - quizzes
            admins:
              - security@example.com
            links: fail
            people: content/data/people.csv
            # attest training remind (templates in templates/email/)
            reminders:
              before_days: [14, 3]
              on_due_date: true
              overdue_every_days: 7
              manager_after_days: 14
              from: Security Team <security@example.com>
              reply_to: security@example.com

            """
        ),
        (
            "content/policies/keys/rotation.md",
            """
            ---
            id: key-rotation
            title: Rotating secret API keys
            owner: security@example.com
            version: "1.0"
            last_reviewed: 2026-01-15
            review_every_days: 365
            summary: Every secret API key is rolled on a schedule, and at once when it may have been exposed.
            frameworks:
              - SOC 2 CC6.1
              - PCI DSS 8.3
            controls:
              - id: KEY-ROTATION
                check: rotation-age
                title: Secret keys are rotated on schedule
                severity: high
                params:
                  max_age_days: 90
                  warn_days: 14
                frameworks:
                  - PCI DSS 8.3
                remediation: Roll the key with the provider, store the new one in the key-management system, revoke the old one.
            ---

            ## Why we rotate

            A key that lives forever gives anyone who ever copied it lasting access. Rolling keys on a
            schedule limits how long a leaked copy is useful, and keeps the roll procedure practiced.

            ## The rule

            Every secret key is rolled at least every {{ controls.KEY-ROTATION.max_age_days }} days.
            Owners get a warning {{ controls.KEY-ROTATION.warn_days }} days before the limit.

            ## How to roll a key

            1. Create the new key with the provider and store it in the key-management system.
            2. Deploy the services that use it, then check that they work.
            3. Revoke the old key.

            New to this? Read the [getting started guide](../../guides/getting-started.md#your-first-week),
            then take the [key rotation quiz](../../quizzes/key-rotation.md).

            """
        ),
        (
            "content/guides/getting-started.md",
            """
            ---
            title: Getting started
            summary: What everyone handling API keys needs to know in their first week.
            ---

            # Getting started

            This handbook holds the security policies that apply to everyone who handles secret API keys.

            ## Your first week

            - Read the [key rotation policy](../policies/keys/rotation.md#the-rule).
            - Take the quizzes of the policies that apply to your work.

            ## Getting help

            Write to security@example.com.

            """
        ),
        (
            "content/quizzes/key-rotation.md",
            """
            ---
            id: key-rotation-basics
            title: Key rotation basics
            policies:
              - key-rotation
            pass_percent: 80
            valid_days: 365
            shuffle: true          # options in a new order for every attempt
            feedback: after-pass   # explanations and right answers once passed (or: always, never)
            ---

            A short check that you know when and how secret keys are rolled.

            ## How old may a secret key get at most?

            - [ ] One year
            - [x] 90 days
            - [ ] Until it leaks

            > The rotation policy sets a maximum age of 90 days.

            ## What belongs to rolling a key?

            - [x] Storing the new key in the key-management system
            - [x] Revoking the old key once services use the new one
            - [ ] Emailing the new key to the team

            > Keys are never shared by email; the old key is revoked once nothing uses it.

            """
        ),
        (
            "content/data/people.csv",
            """
            email,name,team,groups,active,start_date,manager
            security@example.com,Sam Secure,Security,engineering;security,true,2024-01-08,
            dev@example.com,Dana Developer,Payments,engineering,true,2026-01-05,security@example.com

            """
        ),
    ]

    /// Writes the scaffold and the default theme into `directory`, which must not already hold
    /// `content/` or `templates/`.
    ///
    /// - Returns: the paths written, relative to `directory`.
    public static func write(to directory: String) throws -> [String] {
        let fileManager = FileManager.default
        for existing in ["content", "templates"] where fileManager.fileExists(atPath: directory + "/" + existing) {
            throw Failure(
                description: "'\(directory)/\(existing)' already exists; attest init only starts new handbooks")
        }
        let files = contentFiles + DefaultTheme.files.map { ("templates/" + $0.path, $0.contents) }
        var written: [String] = []
        for (path, contents) in files {
            let target = directory + "/" + path
            do {
                try fileManager.createDirectory(
                    atPath: SiteURL.directory(of: target), withIntermediateDirectories: true)
                if path == ".gitignore", fileManager.fileExists(atPath: target) { continue }
                try Data(contents.utf8).write(to: URL(fileURLWithPath: target))
            } catch {
                throw Failure(description: "cannot write '\(target)': \((error as NSError).localizedDescription)")
            }
            written.append(path)
        }
        return written
    }
}
