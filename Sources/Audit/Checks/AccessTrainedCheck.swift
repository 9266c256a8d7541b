import HandbookContent

/// `access-trained {quizzes}`: the owner and everyone with access must hold a current pass of each
/// listed quiz. Without training records nobody holds one, and the report names the missing input.
public struct AccessTrainedCheck: KeyCheck {
    public let scope: KeyScope
    public let quizzes: [String]

    public init(quizzes: [String], scope: KeyScope = KeyScope()) {
        self.quizzes = quizzes
        self.scope = scope
    }

    public init(params: [String: ParameterValue]) {
        self.init(quizzes: params.list("quizzes"), scope: KeyScope(params: params))
    }

    public func evaluate(_ key: InventoryKey, in context: AuditContext) -> Finding? {
        let people = key.people
        var missing: [String] = []
        for person in people {
            let lacking = quizzes.filter { !context.hasCurrentPass(person, quizID: $0) }
            // Lacking every quiz (the usual case): the email alone, sharing the key's string storage.
            if lacking.count == quizzes.count {
                missing.append(person)
            } else if !lacking.isEmpty {
                missing.append("\(person) (\(lacking.joined(separator: ", ")))")
            }
        }
        guard !missing.isEmpty else { return nil }
        return finding(
            key, .fail,
            .untrained(missing: missing, people: people.count, quizzes: quizzes, recordsMissing: context.training == nil))
    }
}
