import HandbookContent

/// `access-trained {quizzes, policies}`: the owner and everyone with access must hold a current pass
/// of each listed quiz and have accepted the current major version of each listed policy. Without training records nobody holds one, and the report names the missing input.
/// Each person is counted once, however often they are listed (see ``InventoryKey/isRepeatedReader(at:)``).
public struct AccessTrainedCheck: KeyCheck {
    public let scope: KeyScope
    public let quizzes: [String]
    /// Policies whose acceptance is required.
    public let policies: [String]

    public init(quizzes: [String], policies: [String] = [], scope: KeyScope = KeyScope()) {
        self.quizzes = quizzes
        self.policies = policies
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(quizzes: params.list("quizzes"), policies: params.list("policies"), scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        // No per-key allocation unless someone lacks a pass.
        var missing: [String] = []
        var people = 0
        func visit(_ person: String) {
            people += 1
            var lacking = 0
            for quiz in quizzes where !context.hasCurrentPass(person, quizID: quiz) { lacking += 1 }
            for policy in policies where !context.hasAccepted(person, policyID: policy) { lacking += 1 }
            if lacking == quizzes.count + policies.count {
                // Lacking everything (the usual case): the email alone, sharing the key's string storage.
                missing.append(person)
            } else if lacking > 0 {
                let names =
                    quizzes.filter { !context.hasCurrentPass(person, quizID: $0) }
                    + policies.filter { !context.hasAccepted(person, policyID: $0) }.map { "acceptance of \($0)" }
                missing.append("\(person) (\(names.joined(separator: ", ")))")
            }
        }
        if let owner = key.owner { visit(owner) }
        for index in key.access.indices where key.access[index] != key.owner && !key.isRepeatedReader(at: index) {
            visit(key.access[index])
        }
        guard !missing.isEmpty else { return nil }
        return finding(
            key, .fail,
            .untrained(
                missing: missing, people: people, quizzes: quizzes, recordsMissing: !context.hasTraining,
                policies: policies))
    }
}
