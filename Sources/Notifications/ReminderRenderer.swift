import HandbookContent
import Markdown
import Secrets
import TrainingRecords

/// Renders a ``PlannedReminder`` with the handbook's templates into a ``ReminderContent``, and
/// into a webhook's JSON. Every rendered text goes through the one redactor before it leaves, and
/// the HTML template escapes every value (swift-mustache's HTML content type).
public struct ReminderRenderer: Sendable {
    public let templates: ReminderTemplates
    public let redactor: SecretRedactor
    public let organization: String
    public let handbookTitle: String
    /// The handbook's absolute address (`https://…/`), for links; nil when `base_url` is not absolute.
    public let baseURL: String?
    let quizTitles: [String: String]
    /// Quiz id → the policies it acknowledges (id, title, current version).
    let quizPolicies: [String: [(id: String, title: String, version: String)]]
    /// Policy id → its page (path under the handbook, ending in `/`) and title, for acceptances.
    let policyPages: [String: (path: String, title: String)]

    public init(
        templates: ReminderTemplates, redactor: SecretRedactor, organization: String, handbookTitle: String,
        baseURL: String?, quizzes: [Quiz], policies: [Policy]
    ) {
        self.templates = templates
        self.redactor = redactor
        self.organization = organization
        self.handbookTitle = handbookTitle
        var base = baseURL.flatMap { $0.lowercased().hasPrefix("http") ? $0 : nil }
        while base?.hasSuffix("/") == true { base?.removeLast() }
        self.baseURL = base
        quizTitles = Dictionary(quizzes.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let byID = Dictionary(policies.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        policyPages = byID.mapValues { policy in
            var path = policy.sourcePath
            if path.hasPrefix("content/") { path.removeFirst("content/".count) }
            if path.hasSuffix(".md") { path.removeLast(".md".count) }
            return (path + "/", policy.title)
        }
        quizPolicies = Dictionary(
            quizzes.map { quiz in
                (
                    quiz.id,
                    quiz.policies.compactMap { id in
                        byID[id].map { (id: $0.id, title: $0.title, version: $0.version.description) }
                    }
                )
            }, uniquingKeysWith: { first, _ in first })
    }

    /// The subject, plain text and HTML of `plan`; `signInLink` is a fresh invitation (or nil).
    ///
    /// The sign-in link is put in after redaction: it is made here, not written by anyone, and its
    /// signed token looks like a secret to the redactor (which would hide it).
    public func render(_ plan: PlannedReminder, asOf: CalendarDate, signInLink: String?) -> ReminderContent {
        let context = self.context(plan, asOf: asOf, signInLink: signInLink.map { _ in Self.linkPlaceholder })
        let prefix = plan.audience == .manager ? "manager" : "reminder"
        var subject = templates.render(prefix + ".subject", context)
        subject = subject.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let text = templates.render(prefix + ".txt", context)
        let html = templates.render(prefix + ".html", context)
        var content = ReminderContent(
            subject: redactor.redact(subject).text, text: redactor.redact(text).text, html: redactor.redact(html).text)
        if let signInLink {
            content.subject = content.subject.replacingOccurrences(of: Self.linkPlaceholder, with: signInLink)
            content.text = content.text.replacingOccurrences(of: Self.linkPlaceholder, with: signInLink)
            content.html = content.html.replacingOccurrences(
                of: Self.linkPlaceholder, with: HTMLEscaping.attribute(signInLink))
        }
        return content
    }

    /// Stands for the sign-in link until the text is redacted (letters only: no template escapes it,
    /// no secret shape matches it).
    static let linkPlaceholder = "ATTESTSIGNINLINKPLACEHOLDERQZX"

    /// The template context (documented in README "Reminders").
    func context(_ plan: PlannedReminder, asOf: CalendarDate, signInLink: String?) -> [String: Any] {
        var context: [String: Any] = [
            "organization": organization, "handbook_title": handbookTitle,
            "handbook_url": baseURL.map { $0 + "/" } ?? "",
            "my_training_url": baseURL.map { $0 + "/me/" } ?? "", "name": plan.recipient.name,
            "email": plan.recipient.email, "stage": plan.stage.description, "as_of": asOf.description,
            "count": plan.requirements.count, "several": plan.requirements.count > 1,
        ]
        switch plan.stage {
        case .before: context["is_before"] = true
        case .due: context["is_due"] = true
        case .overdue, .manager: context["is_overdue"] = true
        }
        if let signInLink { context["sign_in_link"] = signInLink }
        if plan.audience == .manager {
            var reports: [[String: Any]] = []
            var order: [String] = []
            var byPerson: [String: [TrainingRequirement]] = [:]
            for requirement in plan.requirements {
                if byPerson[requirement.person.email] == nil { order.append(requirement.person.email) }
                byPerson[requirement.person.email, default: []].append(requirement)
            }
            for email in order {
                let requirements = byPerson[email]!
                let person = requirements[0].person
                reports.append([
                    "name": person.name, "email": person.email, "team": person.team,
                    "requirements": requirements.map { requirementContext($0, asOf: asOf) },
                ])
            }
            context["reports"] = reports
            context["report_count"] = reports.count
            context["several_reports"] = reports.count > 1
        } else {
            context["requirements"] = plan.requirements.map { requirementContext($0, asOf: asOf) }
        }
        return context
    }

    func requirementContext(_ requirement: TrainingRequirement, asOf: CalendarDate) -> [String: Any] {
        let path: String
        var values: [String: Any] = ["due": requirement.due?.description ?? "now"]
        switch requirement.kind {
        case .quiz:
            path = "quizzes/\(requirement.quizID)/"
            values["quiz_id"] = requirement.quizID
            values["policies"] = (quizPolicies[requirement.quizID] ?? []).map {
                ["id": $0.id, "title": $0.title, "version": $0.version]
            }
        case .acceptance:
            let page = policyPages[requirement.policyID]
            path = page?.path ?? "policies/\(requirement.policyID)/"
            values["policy_id"] = requirement.policyID
            values["policy_version"] = requirement.policyVersion
            values["is_acceptance"] = true
        }
        // `quiz_title` names either kind, so that a template written for quizzes lists acceptances too.
        values["quiz_title"] = title(of: requirement)
        values["title"] = title(of: requirement)
        values["link"] = baseURL.map { "\($0)/\(path)" } ?? "/\(path)"
        let state: String
        switch requirement.state {
        case .overdue: state = "overdue"
        case .dueSoon: state = "expires soon"
        case .neverDone: state = "not done yet"
        case .current: state = "current"
        }
        values["state"] = state
        if let due = requirement.due {
            let left = asOf.days(until: due)
            if left > 0 { values["days_left"] = left } else if left < 0 { values["days_overdue"] = -left }
        }
        values["is_overdue"] = requirement.state == .overdue
        return values
    }

    /// What a requirement asks, as a reader sees it: the quiz's title, or "Read and accept TITLE
    /// (version X)".
    func title(of requirement: TrainingRequirement) -> String {
        switch requirement.kind {
        case .quiz: quizTitles[requirement.quizID] ?? requirement.quizID
        case .acceptance:
            "Read and accept \(policyPages[requirement.policyID]?.title ?? requirement.policyID) "
                + "(version \(requirement.policyVersion))"
        }
    }

    /// The webhook's JSON body for `plan` and its rendered `content`.
    public func webhookBody(_ plan: PlannedReminder, content: ReminderContent, format: WebhookFormat) -> [UInt8] {
        var json = JSONObjectWriter()
        switch format {
        case .slack:
            json.field("text", content.subject + "\n\n" + content.text)
        case .teams:
            json.field("@type", "MessageCard")
            json.field("@context", "https://schema.org/extensions")
            json.field("summary", content.subject)
            json.field("title", content.subject)
            json.field("text", content.text.replacingOccurrences(of: "\n", with: "\n\n"))
        case .json:
            json.field("recipient", plan.recipient.email)
            json.field("name", redactor.redact(plan.recipient.name).text)
            json.field("audience", plan.audience.rawValue)
            json.field("stage", plan.stage.description)
            json.field("subject", content.subject)
            json.field("text", content.text)
            json.rawField(
                "requirements",
                "["
                    + plan.requirements.map { requirement in
                        var item = JSONObjectWriter()
                        item.field("person", requirement.person.email)
                        item.field("kind", requirement.kind.rawValue)
                        if requirement.kind == .quiz {
                            item.field("quiz", requirement.quizID)
                        } else {
                            item.field("policy", requirement.policyID)
                            item.field("version", requirement.policyVersion)
                        }
                        item.field("title", redactor.redact(title(of: requirement)).text)
                        item.field("due", requirement.due?.description ?? "now")
                        item.field("state", requirement.state.rawValue)
                        return item.finish()
                    }.joined(separator: ",") + "]")
        }
        return Array(json.finish().utf8)
    }
}

/// A flat JSON object written field by field (keys and text through ``JSONStringLiteral``).
struct JSONObjectWriter {
    private var parts: [String] = []

    mutating func field(_ key: String, _ value: String) {
        parts.append(JSONStringLiteral.quoted(key) + ":" + JSONStringLiteral.quoted(value))
    }

    mutating func rawField(_ key: String, _ json: String) {
        parts.append(JSONStringLiteral.quoted(key) + ":" + json)
    }

    func finish() -> String { "{" + parts.joined(separator: ",") + "}" }
}
