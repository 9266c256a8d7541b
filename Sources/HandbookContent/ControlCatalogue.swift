import Foundation

/// The checks a control may name (`check:` in a policy's `controls:`), their parameters and
/// how each rule reads in words. Shared by validation (build, check), the handbook's control
/// tables and the audit, so that prose and enforcement use the same numbers.
public enum ControlCatalogue {
    /// What a check looks at.
    public enum Subject: String, Sendable, Hashable {
        case key, policy, quiz
        /// The secrets a leak scan found (`attest audit --exposures`).
        case exposure
    }

    /// The type and limits of one parameter.
    public struct Parameter: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// A whole number in the range.
            case integer(ClosedRange<Int>)
            /// A list of strings; `allowed` restricts the values when not nil.
            case list(allowed: [String]?)
        }
        public var name: String
        public var kind: Kind
        public var required: Bool
        public var defaultValue: ParameterValue?
    }

    /// One entry of the catalogue.
    public struct Check: Sendable, Hashable {
        public var name: String
        public var subject: Subject
        public var parameters: [Parameter]

        public func parameter(_ name: String) -> Parameter? { parameters.first { $0.name == name } }
    }

    public static let keyTypes = ["secret", "restricted", "publishable", "webhook_secret"]
    public static let keyModes = ["live", "test"]
    public static let environments = ["production", "staging", "development", "ci"]
    public static let consumerKinds = ["internal", "service", "third_party"]

    private static let days = 1...36_500
    /// Every key check takes these to narrow its scope.
    private static let keyScope: [Parameter] = [
        Parameter(name: "types", kind: .list(allowed: keyTypes), required: false, defaultValue: nil),
        Parameter(name: "modes", kind: .list(allowed: keyModes), required: false, defaultValue: nil),
    ]

    private static func keyCheck(_ name: String, _ parameters: [Parameter] = []) -> Check {
        Check(name: name, subject: .key, parameters: parameters + keyScope)
    }

    /// All checks, by name.
    public static let checks: [String: Check] = {
        let list: [Check] = [
            keyCheck("owner-assigned"),
            keyCheck("owner-active"),
            keyCheck(
                "rotation-age",
                [
                    Parameter(name: "max_age_days", kind: .integer(days), required: true, defaultValue: nil),
                    Parameter(
                        name: "warn_days", kind: .integer(0...36_500), required: false, defaultValue: .integer(0)),
                ]),
            keyCheck(
                "unused-key",
                [Parameter(name: "max_idle_days", kind: .integer(days), required: true, defaultValue: nil)]),
            keyCheck(
                "restricted-for-third-parties",
                [
                    Parameter(
                        name: "consumers", kind: .list(allowed: ["third_party", "service"]), required: false,
                        defaultValue: .list(["third_party", "service"]))
                ]),
            keyCheck(
                "ip-allowlist",
                [
                    // 0 (allow-all) is out of range: such an entry always fails.
                    Parameter(
                        name: "min_prefix_ipv4", kind: .integer(1...32), required: false, defaultValue: .integer(16)),
                    Parameter(
                        name: "min_prefix_ipv6", kind: .integer(1...128), required: false, defaultValue: .integer(32)),
                ]),
            keyCheck(
                "approved-storage",
                [Parameter(name: "allowed", kind: .list(allowed: nil), required: true, defaultValue: nil)]),
            keyCheck(
                "no-live-in-nonprod",
                [
                    Parameter(
                        name: "environments", kind: .list(allowed: environments), required: false,
                        defaultValue: .list(["production"]))
                ]),
            keyCheck(
                "access-least",
                [Parameter(name: "max_people", kind: .integer(1...100_000), required: true, defaultValue: nil)]
            ),
            keyCheck(
                "access-review", [Parameter(name: "max_days", kind: .integer(days), required: true, defaultValue: nil)]),
            keyCheck(
                "logs-reviewed", [Parameter(name: "max_days", kind: .integer(days), required: true, defaultValue: nil)]),
            keyCheck(
                "access-trained",
                [
                    // At least one of the two (see `oneOf`).
                    Parameter(name: "quizzes", kind: .list(allowed: nil), required: false, defaultValue: nil),
                    Parameter(name: "policies", kind: .list(allowed: nil), required: false, defaultValue: nil),
                ]),
            keyCheck(
                "exposure-rolled",
                [Parameter(name: "max_days", kind: .integer(0...36_500), required: false, defaultValue: .integer(0))]),
            Check(
                name: "inventory-complete", subject: .exposure,
                parameters: [
                    Parameter(
                        name: "rules", kind: .list(allowed: nil), required: false,
                        defaultValue: .list(["stripe-secret-live", "stripe-restricted-live"]))
                ]),
            Check(name: "policy-reviewed", subject: .policy, parameters: []),
            Check(
                name: "training-coverage", subject: .quiz,
                parameters: [
                    Parameter(name: "quizzes", kind: .list(allowed: nil), required: false, defaultValue: nil),
                    Parameter(name: "policies", kind: .list(allowed: nil), required: false, defaultValue: nil),
                    Parameter(name: "min_percent", kind: .integer(1...100), required: true, defaultValue: nil),
                ]),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    /// Checks that need at least one of two parameters: the quizzes to pass, the policies to accept.
    public static let oneOf: [String: [String]] = [
        "access-trained": ["quizzes", "policies"], "training-coverage": ["quizzes", "policies"],
    ]

    /// Check names, sorted.
    public static var checkNames: [String] { checks.keys.sorted() }

    /// Problems with `params` for `check`: each with the parameter it concerns (nil: the check itself).
    /// Empty when valid. Quiz ids named in params are checked by the loader, which knows the quizzes.
    public static func problems(check name: String, params: [String: ParameterValue]) -> [(
        parameter: String?, message: String
    )] {
        guard let check = checks[name] else {
            return [(nil, "unknown check '\(name)'; expected one of: \(checkNames.joined(separator: ", "))")]
        }
        var problems: [(String?, String)] = []
        for parameter in check.parameters where parameter.required && params[parameter.name] == nil {
            problems.append((nil, "check '\(name)' requires parameter '\(parameter.name)'"))
        }
        if let either = oneOf[name], !either.contains(where: { params[$0] != nil }) {
            problems.append(
                (nil, "check '\(name)' requires parameter '\(either[0])' or '\(either[1])' (or both)"))
        }
        for (key, value) in params.sorted(by: { $0.key < $1.key }) {
            guard let parameter = check.parameter(key) else {
                let known = check.parameters.map(\.name).joined(separator: ", ")
                problems.append((key, "unknown parameter '\(key)' for check '\(name)'; expected one of: \(known)"))
                continue
            }
            switch parameter.kind {
            case .integer(let range):
                guard let n = value.integerValue else {
                    problems.append((key, "parameter '\(key)' must be a whole number, got '\(value)'"))
                    continue
                }
                if !range.contains(n) {
                    problems.append(
                        (
                            key,
                            "parameter '\(key)' must be between \(range.lowerBound) and \(range.upperBound), got \(n)"
                        ))
                }
            case .list(let allowed):
                guard let items = value.listValue, !items.isEmpty else {
                    problems.append((key, "parameter '\(key)' must be a non-empty list of names"))
                    continue
                }
                if let allowed {
                    for item in items where !allowed.contains(item) {
                        problems.append(
                            (
                                key,
                                "parameter '\(key)' has unknown value '\(item)'; expected one of: \(allowed.joined(separator: ", "))"
                            ))
                    }
                }
            }
        }
        return problems
    }

    /// `params` with the check's defaults filled in.
    public static func resolvedParams(check name: String, params: [String: ParameterValue]) -> [String: ParameterValue]
    {
        var result = params
        for parameter in checks[name]?.parameters ?? [] where result[parameter.name] == nil {
            if let value = parameter.defaultValue { result[parameter.name] = value }
        }
        return result
    }

    /// The rule in words, with its numbers: shown in the handbook's control tables and in reports.
    public static func ruleDescription(check name: String, params raw: [String: ParameterValue]) -> String {
        let params = resolvedParams(check: name, params: raw)
        func int(_ key: String) -> Int { params[key]?.integerValue ?? 0 }
        func list(_ key: String) -> String { params[key]?.listValue?.joined(separator: ", ") ?? "" }
        var scope = ""
        if let types = params["types"]?.listValue {
            scope += " (\(types.joined(separator: ", ")) keys"
            scope += params["modes"].map { ", \($0.description) mode)" } ?? ")"
        } else if let modes = params["modes"]?.listValue {
            scope += " (\(modes.joined(separator: ", ")) keys)"
        }
        let keys = "Every active key\(scope)"
        switch name {
        case "owner-assigned": return "\(keys) has a named owner."
        case "owner-active": return "\(keys) is owned by someone active in the roster."
        case "rotation-age":
            let warn = int("warn_days")
            return "\(keys) is rotated at least every \(int("max_age_days")) days"
                + (warn > 0 ? "; a warning \(warn) days before the limit." : ".")
        case "unused-key": return "\(keys) unused for more than \(int("max_idle_days")) days is removed."
        case "restricted-for-third-parties":
            return
                "Keys used by \(list("consumers").replacingOccurrences(of: "_", with: " ")) consumers are restricted keys\(scope)."
        case "ip-allowlist":
            return "\(keys) has an IP allowlist, with no entry that allows every address or is wider than "
                + "/\(int("min_prefix_ipv4")) (IPv4) or /\(int("min_prefix_ipv6")) (IPv6)."
        case "approved-storage": return "\(keys) is stored only in: \(list("allowed"))."
        case "no-live-in-nonprod": return "Live keys\(scope) are used only in: \(list("environments"))."
        case "access-least":
            return "\(keys) can be read by at most \(int("max_people")) people, all active in the roster."
        case "access-review": return "Access to every key\(scope) is reviewed at least every \(int("max_days")) days."
        case "logs-reviewed":
            return "The request logs of every key\(scope) are reviewed at least every \(int("max_days")) days."
        case "access-trained":
            var parts: [String] = []
            if params["quizzes"] != nil { parts.append("holds a current pass of: \(list("quizzes"))") }
            if params["policies"] != nil {
                parts.append("has accepted the current major version of: \(list("policies"))")
            }
            return "The owner of every key\(scope), and everyone with access, \(parts.joined(separator: "; and "))."
        case "exposure-rolled":
            let days = int("max_days")
            return "An exposed key\(scope) is rolled "
                + (days == 0 ? "at once." : "within \(days) days of the exposure.")
        case "inventory-complete":
            return "Every secret that the leak scan finds (rules: \(list("rules"))) is a key of the inventory."
        case "policy-reviewed": return "The policy is reviewed within its review interval."
        case "training-coverage":
            var parts: [String] = []
            if params["quizzes"] != nil { parts.append("holds a current pass of: \(list("quizzes"))") }
            if params["policies"] != nil {
                parts.append("has accepted the current major version of: \(list("policies"))")
            }
            return "At least \(int("min_percent"))% of each audience \(parts.joined(separator: "; and "))."
        default: return name
        }
    }
}
