import Foundation
import HandbookContent
import Testing

@testable import Audit

/// What the audit learns from leak scans (`--exposures`): exposure dates, where keys were seen, and
/// secrets no inventory key accounts for.
@Suite struct ExposureTests {
    static let leakedSHA = String(repeating: "a1", count: 32)
    static let rolledSHA = String(repeating: "b2", count: 32)
    static let untrackedSHA = String(repeating: "c3", count: 32)

    static let sightings = [
        ExposureSighting(
            ruleID: "stripe-secret-live", redacted: "sk_live_…aaaa", sha256: leakedSHA,
            seenAt: AuditFixtures.date("2026-10-03"), place: "repo/b.env:1:5 in commit 222222222222"),
        ExposureSighting(
            ruleID: "stripe-secret-live", redacted: "sk_live_…aaaa", sha256: leakedSHA,
            seenAt: AuditFixtures.date("2026-10-01"), place: "repo/a.env:1:5 in commit 111111111111"),
        ExposureSighting(
            ruleID: "stripe-restricted-live", redacted: "rk_live_…bbbb", sha256: rolledSHA,
            seenAt: AuditFixtures.date("2026-10-05"), place: "repo/c.js:3:9 in commit 333333333333"),
        ExposureSighting(
            ruleID: "stripe-secret-live", redacted: "sk_live_…cccc", sha256: untrackedSHA,
            seenAt: AuditFixtures.date("2026-10-06"), place: "repo/d.js:1:1 in commit 444444444444"),
        ExposureSighting(
            ruleID: "stripe-secret-live", redacted: "sk_live_…cccc", sha256: untrackedSHA,
            seenAt: AuditFixtures.date("2026-10-07"), place: "repo/e.js:1:1 in commit 555555555555"),
        ExposureSighting(
            ruleID: "aws-access-key-id", redacted: "AKIAZZZZZZZZZZZZZZZZ", sha256: String(repeating: "d4", count: 32),
            keyID: "AKIAZZZZZZZZZZZZZZZZ", seenAt: AuditFixtures.date("2026-09-20"), place: "repo/f.tf:2:3"),
        ExposureSighting(
            ruleID: "stripe-secret-test", redacted: "sk_test_…eeee", sha256: String(repeating: "e5", count: 32),
            seenAt: AuditFixtures.date("2026-10-06"), place: "repo/t.js:1:1"),
    ]

    static let inventory = """
        id,type,mode,owner,created_at,last_rotated_at,exposed_at,secret_sha256
        key_leaked,secret,live,alice@example.com,2026-01-01,2026-09-01,,\(leakedSHA)
        key_rolled,restricted,live,alice@example.com,2026-01-01,2026-10-05,,\(rolledSHA.uppercased())
        key_earlier,secret,live,alice@example.com,2026-01-01,2026-07-01,2026-08-01,
        AKIAZZZZZZZZZZZZZZZZ,secret,live,alice@example.com,2026-01-01,2026-09-01,,

        """

    static func run(exposures: ExposureIndex?) -> AuditReport? {
        var configuration = AuditFixtures.configuration()
        configuration.exposures = exposures
        let policy = AuditFixtures.policy(controls: [
            AuditFixtures.control("EXPOSED", "exposure-rolled"),
            AuditFixtures.control("COMPLETE", "inventory-complete", line: 20),
        ])
        let outcome = AuditFixtures.run([("keys.csv", inventory)], policies: [policy], configuration: configuration)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        return outcome.report
    }

    @Test func aKeySeenByAScanIsExposedFromItsEarliestSighting() throws {
        let report = try #require(Self.run(exposures: ExposureIndex(Self.sightings)))
        let exposed = try #require(report.controls.first { $0.id == "EXPOSED" }).findings
        #expect(exposed.map(\.subject) == ["key_leaked", "key_earlier", "AKIAZZZZZZZZZZZZZZZZ"])
        #expect(exposed[0].message.hasPrefix("exposed 2026-10-01 (seen in repo/a.env:1:5 in commit 111111111111),"))
        #expect(exposed[0].evidence.contains { $0.name == "seen_in" })
        // The inventory's earlier exposed_at stands.
        #expect(exposed[1].message.hasPrefix("exposed 2026-08-01,"))
        // An AWS access key id seen by the scan matches the key with that id.
        #expect(exposed[2].message.hasPrefix("exposed 2026-09-20 (seen in repo/f.tf:2:3)"))
    }

    @Test func aLiveSecretNoKeyTracksFailsInventoryComplete() throws {
        let report = try #require(Self.run(exposures: ExposureIndex(Self.sightings)))
        let complete = try #require(report.controls.first { $0.id == "COMPLETE" })
        #expect(complete.findings.map(\.subject) == ["sk_live_…cccc"])
        #expect(
            complete.findings.first?.message
                == "a live key nobody tracks was found in repo/d.js:1:1 in commit 444444444444 (and 1 other place); "
                + "no inventory key has its secret_sha256 (rule stripe-secret-live)")
        #expect(complete.missingInputs.isEmpty)
    }

    @Test func withoutScansInventoryCompleteNamesTheMissingInput() throws {
        let report = try #require(Self.run(exposures: nil))
        let complete = try #require(report.controls.first { $0.id == "COMPLETE" })
        #expect(complete.findings.isEmpty)
        #expect(complete.missingInputs == ["exposures"])
        #expect(
            report.missingInputs.map(\.message) == ["no leak scan report (--exposures) was given; needed by COMPLETE"])
        #expect(report.controls.first { $0.id == "EXPOSED" }?.findings.map(\.subject) == ["key_earlier"])
    }

    @Test func aMalformedSecretSHA256IsARowError() {
        let outcome = AuditFixtures.run(
            [("keys.csv", "id,type,mode,secret_sha256\nk1,secret,live,not-a-hash\n")],
            policies: [AuditFixtures.policy(controls: [AuditFixtures.control("EXPOSED", "exposure-rolled")])])
        #expect(outcome.report == nil)
        #expect(
            outcome.diagnostics.contains {
                $0.message.contains("secret_sha256 must be 64 hexadecimal digits") && $0.location?.line == 2
            }, "\(outcome.diagnostics)")
    }
}
