import HandbookContent
import Testing

@testable import Audit

@Suite struct KeyCheckTests {
    typealias F = AuditFixtures
    let context = F.context(roster: F.roster)

    @Test func ownerAssigned() {
        let check = OwnerAssignedCheck()
        #expect(check.check(F.key(), in: context) == nil)
        let finding = check.check(F.key { $0.owner = nil }, in: context)
        #expect(finding?.status == .fail)
        #expect(finding?.message == "no owner")
        // Inactive keys are out of scope.
        #expect(
            check.check(
                F.key {
                    $0.owner = nil; $0.status = .inactive
                }, in: context) == nil)
    }

    @Test func ownerActive() {
        let check = OwnerActiveCheck()
        #expect(check.check(F.key(), in: context) == nil)
        #expect(
            check.check(F.key { $0.owner = "dave@example.com" }, in: context)?.message
                == "owner dave@example.com is inactive in the roster")
        #expect(
            check.check(F.key { $0.owner = "zoe@example.com" }, in: context)?.message
                == "owner zoe@example.com is not in the roster")
        #expect(check.check(F.key { $0.owner = nil }, in: context)?.status == .fail)
        // No roster: nobody can be confirmed, never a silent pass.
        let noRoster = check.check(F.key(), in: F.context())
        #expect(noRoster?.detail == .ownerNotActive(owner: "alice@example.com", standing: .noRoster))
    }

    @Test(arguments: [
        (rotated: "2026-08-29", status: nil as Finding.Status?),  // 90 days: exactly the limit passes
        (rotated: "2026-08-28", status: .fail),  // 91 days
        (rotated: "2026-11-27", status: nil),
    ])
    func rotationAgeWithoutWarning(rotated: String, status: Finding.Status?) {
        let check = RotationAgeCheck(maxAgeDays: 90)
        #expect(check.check(F.key { $0.lastRotatedAt = F.date(rotated) }, in: context)?.status == status)
    }

    @Test(arguments: [
        (rotated: "2026-09-12", status: nil as Finding.Status?),  // 76 days: 14 to go, outside a 13-day window
        (rotated: "2026-09-11", status: .warn),  // 77 days: 13 to go
        (rotated: "2026-08-29", status: .warn),  // 90 days: due today, not yet failing
        (rotated: "2026-08-28", status: .fail),
    ])
    func rotationAgeWarnsWithinWarnDays(rotated: String, status: Finding.Status?) {
        let check = RotationAgeCheck(params: ["max_age_days": .integer(90), "warn_days": .integer(13)])
        #expect(check.check(F.key { $0.lastRotatedAt = F.date(rotated) }, in: context)?.status == status)
    }

    @Test func rotationAgeMessageAndFallbacks() {
        let check = RotationAgeCheck(maxAgeDays: 90)
        let finding = check.check(F.key { $0.lastRotatedAt = F.date("2026-01-03") }, in: context)
        #expect(finding?.message == "last rotated 2026-01-03, 328 days ago; limit 90")
        #expect(finding?.evidence.map(\.name) == ["last_rotated_at", "age_days", "max_age_days"])
        // No rotation date: created_at stands in (set by the key's initializer).
        let created = InventoryKey(id: "k", createdAt: F.date("2026-01-03"))
        #expect(created.lastRotatedAt == F.date("2026-01-03"))
        #expect(check.check(InventoryKey(id: "k"), in: context)?.detail == .noRotationDate)
    }

    @Test func keyScopeNarrowsByTypeAndMode() {
        let check = RotationAgeCheck(params: [
            "max_age_days": .integer(1), "types": .list(["restricted"]), "modes": .list(["test"]),
        ])
        let old = F.date("2025-01-01")
        #expect(check.check(F.key { $0.lastRotatedAt = old }, in: context) == nil)
        #expect(
            check.check(
                F.key {
                    $0.lastRotatedAt = old; $0.type = .restricted
                }, in: context) == nil)
        #expect(
            check.check(
                F.key {
                    $0.lastRotatedAt = old; $0.type = .restricted; $0.mode = .test
                }, in: context)?.status == .fail)
    }

    @Test func unusedKey() {
        let check = UnusedKeyCheck(maxIdleDays: 30)
        #expect(check.check(F.key { $0.lastUsedAt = F.date("2026-10-28") }, in: context) == nil)  // exactly 30
        let idle = check.check(F.key { $0.lastUsedAt = F.date("2026-10-27") }, in: context)
        #expect(idle?.message == "last used 2026-10-27, 31 days ago; limit 30")
        // Never used: counted from created_at (2026-10-01, 57 days).
        let never = check.check(F.key(), in: context)
        #expect(never?.message == "never used since created 2026-10-01, 57 days ago; limit 30")
        #expect(check.check(InventoryKey(id: "k"), in: context)?.detail == .noUsageDate)
    }

    @Test func restrictedForThirdParties() {
        let check = RestrictedForThirdPartiesCheck(
            params: ControlCatalogue.resolvedParams(check: "restricted-for-third-parties", params: [:]))
        let acme = InventoryKey.Consumer(kind: .thirdParty, name: "acme")
        #expect(check.check(F.key { $0.consumer = acme }, in: context)?.status == .fail)
        #expect(
            check.check(
                F.key {
                    $0.consumer = acme; $0.type = .restricted
                }, in: context) == nil)
        #expect(check.check(F.key { $0.consumer = InventoryKey.Consumer(kind: .internal) }, in: context) == nil)
        let onlyThirdParties = RestrictedForThirdPartiesCheck(params: ["consumers": .list(["third_party"])])
        #expect(
            onlyThirdParties.check(F.key { $0.consumer = .init(kind: .service, name: "billing") }, in: context) == nil)
    }

    @Test func ipAllowlist() {
        let check = IPAllowlistCheck()
        #expect(check.check(F.key(), in: context)?.detail == .noIPAllowlist)
        #expect(check.check(F.key { $0.ipAllowlist = ["10.20.0.0/16", "203.0.113.7"] }, in: context) == nil)
    }

    /// The policy forbids allow-all lists: an entry that lets in every address fails, alone or
    /// beside narrow entries, and so does one wider than the default bounds (/16, /32).
    @Test(arguments: [
        ["0.0.0.0/0"], ["::/0"], ["203.0.113.10", "0.0.0.0/0"], ["2001:db8::/48", "::/0"],
        ["10.0.0.0/8"], ["10.0.0.0/15"], ["2001:db8::/31"],
        ["::ffff:0.0.0.0/96"], ["::ffff:10.0.0.0/104"], ["::/64"],
    ])
    func ipAllowlistFailsAllowAllAndWideEntries(entries: [String]) {
        let finding = IPAllowlistCheck().check(F.key { $0.ipAllowlist = entries }, in: context)
        #expect(finding?.status == .fail)
        #expect(finding?.detail != .noIPAllowlist)
    }

    @Test(arguments: [
        ["10.0.0.0/16"], ["10.0.0.1"], ["2001:db8::/32"], ["2001:db8::1"], ["::ffff:203.0.113.0/120"],
        ["198.51.100.0/28", "2001:db8:40::/48"],
    ])
    func ipAllowlistPassesEntriesWithinTheBounds(entries: [String]) {
        #expect(IPAllowlistCheck().check(F.key { $0.ipAllowlist = entries }, in: context) == nil)
    }

    @Test func ipAllowlistNamesTheWideEntriesAndTakesItsBoundsFromParams() {
        let check = IPAllowlistCheck(params: ControlCatalogue.resolvedParams(check: "ip-allowlist", params: [:]))
        #expect(check.minPrefixIPv4 == 16 && check.minPrefixIPv6 == 32)
        let finding = check.check(
            F.key { $0.ipAllowlist = ["203.0.113.10", "0.0.0.0/0", "10.0.0.0/8", "2001:db8::/32"] }, in: context)
        #expect(
            finding?.detail
                == .ipAllowlistTooWide(entries: ["0.0.0.0/0", "10.0.0.0/8"], minPrefixIPv4: 16, minPrefixIPv6: 32))
        #expect(
            finding?.message
                == "IP allowlist too wide: 0.0.0.0/0, 10.0.0.0/8; no entry may allow every address or be wider than /16 (IPv4) or /32 (IPv6)"
        )
        #expect(finding?.evidence.map(\.name) == ["too_wide", "min_prefix_ipv4", "min_prefix_ipv6"])
        let strict = IPAllowlistCheck(params: ["min_prefix_ipv4": .integer(24), "min_prefix_ipv6": .integer(48)])
        #expect(strict.check(F.key { $0.ipAllowlist = ["10.0.0.0/16"] }, in: context)?.status == .fail)
        #expect(strict.check(F.key { $0.ipAllowlist = ["2001:db8::/32"] }, in: context)?.status == .fail)
        #expect(strict.check(F.key { $0.ipAllowlist = ["10.0.0.0/24", "2001:db8::/48"] }, in: context) == nil)
        // The loosest bound the catalogue allows still fails an allow-all entry.
        let loose = IPAllowlistCheck(params: ["min_prefix_ipv4": .integer(1), "min_prefix_ipv6": .integer(1)])
        #expect(loose.check(F.key { $0.ipAllowlist = ["128.0.0.0/1"] }, in: context) == nil)
        #expect(loose.check(F.key { $0.ipAllowlist = ["0.0.0.0/0"] }, in: context)?.status == .fail)
    }

    @Test func allowlistWidths() {
        typealias W = IPAllowlistEntry.Width
        #expect(IPAllowlistEntry.width(of: "203.0.113.7") == W(isIPv6: false, prefix: 32))
        #expect(IPAllowlistEntry.width(of: "10.0.0.0/08") == W(isIPv6: false, prefix: 8))
        #expect(IPAllowlistEntry.width(of: "0.0.0.0/0") == W(isIPv6: false, prefix: 0))
        #expect(IPAllowlistEntry.width(of: "2001:db8::1") == W(isIPv6: true, prefix: 128))
        #expect(IPAllowlistEntry.width(of: "2001:db8::/32") == W(isIPv6: true, prefix: 32))
        #expect(IPAllowlistEntry.width(of: "::/0") == W(isIPv6: false, prefix: 0))  // holds all of IPv4 too
        #expect(IPAllowlistEntry.width(of: "::ffff:10.0.0.0/104") == W(isIPv6: false, prefix: 8))
        #expect(IPAllowlistEntry.width(of: "::ffff:203.0.113.9") == W(isIPv6: false, prefix: 32))
        #expect(IPAllowlistEntry.width(of: "::/80") == W(isIPv6: false, prefix: 0))
        #expect(IPAllowlistEntry.width(of: "::/81") == W(isIPv6: true, prefix: 81))  // ::/81 excludes ::ffff:0:0
        #expect(IPAllowlistEntry.width(of: "::1") == W(isIPv6: true, prefix: 128))
        for invalid in ["10.0.0.0/33", "2001:db8::/129", "example.com", "10.0.0.0/", "10.0.0.0/+8", ""] {
            #expect(IPAllowlistEntry.width(of: invalid) == nil, "\(invalid)")
        }
        // Every entry the reader accepts has a width.
        for valid in ["10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "2001:db8::/32", "::1", "10.0.0.0/0032"] {
            #expect(IPAllowlistEntry.isValid(valid) && IPAllowlistEntry.width(of: valid) != nil, "\(valid)")
        }
    }

    @Test func approvedStorage() {
        let check = ApprovedStorageCheck(allowed: ["kms", "vault"])
        #expect(check.check(F.key { $0.storage = "vault" }, in: context) == nil)
        #expect(
            check.check(F.key { $0.storage = "plaintext" }, in: context)?.message
                == "stored in plaintext; allowed: kms, vault")
        #expect(check.check(F.key(), in: context)?.message == "storage not recorded; allowed: kms, vault")
    }

    @Test func noLiveInNonprod() {
        let check = NoLiveInNonprodCheck(
            params: ControlCatalogue.resolvedParams(check: "no-live-in-nonprod", params: [:]))
        #expect(check.check(F.key { $0.environment = .production }, in: context) == nil)
        #expect(check.check(F.key { $0.environment = .staging }, in: context)?.status == .fail)
        #expect(
            check.check(
                F.key {
                    $0.environment = .staging; $0.mode = .test
                }, in: context) == nil)
        #expect(check.check(F.key(), in: context)?.status == .warn)
    }

    @Test func accessLeast() {
        let check = AccessLeastCheck(maxPeople: 2)
        #expect(check.check(F.key { $0.access = ["alice@example.com", "bob@example.com"] }, in: context) == nil)
        let tooMany = check.check(
            F.key { $0.access = ["alice@example.com", "bob@example.com", "carol@example.com"] }, in: context)
        #expect(tooMany?.message == "3 people have access; limit 2")
        let inactive = check.check(F.key { $0.access = ["dave@example.com"] }, in: context)
        #expect(inactive?.message == "not active in the roster: dave@example.com")
        let noRoster = check.check(F.key { $0.access = ["alice@example.com"] }, in: F.context())
        #expect(noRoster?.status == .fail)
    }

    /// A person listed twice is one person: the count and the not-active list name them once.
    @Test func accessLeastCountsEachPersonOnce() {
        let check = AccessLeastCheck(maxPeople: 2)
        let repeated = ["alice@example.com", "bob@example.com", "alice@example.com", "bob@example.com"]
        #expect(check.check(F.key { $0.access = repeated }, in: context) == nil)
        // Emails are lowercased when a key is made, so differently cased entries are one person too.
        let cased = InventoryKey(id: "k", access: ["Alice@Example.com", "alice@example.com", "BOB@example.com"])
        #expect(cased.readerCount == 2)
        #expect(check.check(cased, in: context) == nil)
        let three = check.check(
            F.key { $0.access = ["alice@example.com", "carol@example.com", "alice@example.com", "bob@example.com"] },
            in: context)
        #expect(three?.message == "3 people have access; limit 2")
        let inactive = check.check(F.key { $0.access = ["dave@example.com", "dave@example.com"] }, in: context)
        #expect(inactive?.message == "not active in the roster: dave@example.com")
    }

    @Test func accessReview() {
        let check = AccessReviewCheck(maxDays: 90)
        #expect(check.check(F.key(), in: context)?.detail == .accessNeverReviewed(maxDays: 90))
        #expect(check.check(F.key { $0.accessReviewedAt = F.date("2026-08-29") }, in: context) == nil)
        #expect(check.check(F.key { $0.accessReviewedAt = F.date("2026-08-28") }, in: context)?.status == .fail)
    }

    @Test func accessTrained() {
        let training = F.training(passes: [("alice@example.com", "key-handling"), ("bob@example.com", "key-handling")])
        let trained = F.context(roster: F.roster, training: training)
        let check = AccessTrainedCheck(quizzes: ["key-handling"])
        #expect(check.check(F.key { $0.access = ["bob@example.com"] }, in: trained) == nil)
        let finding = check.check(F.key { $0.access = ["bob@example.com", "carol@example.com"] }, in: trained)
        #expect(finding?.message == "1 of 3 people lack a current pass of key-handling: carol@example.com")
        let two = AccessTrainedCheck(quizzes: ["key-handling", "secrets-101"])
        #expect(
            two.check(F.key { $0.owner = "bob@example.com" }, in: trained)?.message
                == "1 of 1 person lacks a current pass of key-handling, secrets-101: bob@example.com (secrets-101)")
        // No records: nobody holds a pass, and the finding says why.
        let untrained = check.check(F.key(), in: context)
        #expect(untrained?.message.hasSuffix("(no training records were given)") == true)
    }

    @Test func accessTrainedCountsEachPersonOnce() {
        let training = F.training(passes: [("alice@example.com", "key-handling")])
        let trained = F.context(roster: F.roster, training: training)
        let check = AccessTrainedCheck(quizzes: ["key-handling"])
        let key = InventoryKey(
            id: "k", owner: "Carol@Example.com",
            access: ["carol@example.com", "CAROL@example.com", "alice@example.com", "Alice@example.com"])
        #expect(
            check.check(key, in: trained)?.message
                == "1 of 2 people lack a current pass of key-handling: carol@example.com")
    }

    @Test func logsReviewed() {
        let check = LogsReviewedCheck(maxDays: 31)
        let never = check.check(F.key(), in: context)
        #expect(never?.detail == .logsNeverReviewed(maxDays: 31))
        #expect(never?.message == "request logs never reviewed; limit 31 days")
        #expect(check.check(F.key { $0.logsReviewedAt = F.date("2026-10-27") }, in: context) == nil)  // exactly 31
        let overdue = check.check(F.key { $0.logsReviewedAt = F.date("2026-10-26") }, in: context)
        #expect(overdue?.status == .fail)
        #expect(overdue?.message == "request logs last reviewed 2026-10-26, 32 days ago; limit 31")
        #expect(overdue?.evidence.map(\.name) == ["logs_reviewed_at", "days", "max_days"])
        // Scoped like every key check: inactive keys and other modes are not checked.
        let live = LogsReviewedCheck(params: ["max_days": .integer(31), "modes": .list(["live"])])
        #expect(live.check(F.key { $0.mode = .test }, in: context) == nil)
        #expect(live.check(F.key { $0.status = .inactive }, in: context) == nil)
        #expect(ControlEvaluator.make(check: "logs-reviewed", params: ["max_days": .integer(31)]) != nil)
    }

    @Test(arguments: [
        (exposed: "2026-11-20", rotated: "2026-11-21", maxDays: 0, status: nil as Finding.Status?),
        (exposed: "2026-11-20", rotated: "2026-11-20", maxDays: 0, status: nil),  // rolled the same day
        (exposed: "2026-11-27", rotated: "2026-10-01", maxDays: 0, status: .warn),  // today, limit 0
        (exposed: "2026-11-26", rotated: "2026-10-01", maxDays: 0, status: .fail),
        (exposed: "2026-11-20", rotated: "2026-10-01", maxDays: 7, status: .warn),  // exactly 7 days
        (exposed: "2026-11-19", rotated: "2026-10-01", maxDays: 7, status: .fail),
    ])
    func exposureRolled(exposed: String, rotated: String, maxDays: Int, status: Finding.Status?) {
        let check = ExposureRolledCheck(maxDays: maxDays)
        let key = F.key {
            $0.exposedAt = F.date(exposed); $0.lastRotatedAt = F.date(rotated)
        }
        #expect(check.check(key, in: context)?.status == status)
        #expect(check.check(F.key(), in: context) == nil)
    }
}
