import HandbookContent
import Mustache
import SiteBuilder
import TrainingRecords

/// Renders the server's HTML pages: the quiz result, "my training", the admins' status page, the
/// invitation page and errors.
///
/// The one place that knows about templates: the page data is built here as plain dictionaries and
/// rendered by name (`quiz-result`, `my-training`, `training-status`, `invitation`, `error`), then set in the
/// handbook's own layout (``SiteLayout``: header, search, sidebar, styles) when the server has one,
/// else in a minimal `layout` of its own.
struct ServerPages: Sendable {
    let library: MustacheLibrary
    let siteTitle: String
    let siteLayout: SiteLayout?

    init(siteTitle: String, siteLayout: SiteLayout? = nil) throws(ServerSetupError) {
        self.siteLayout = siteLayout
        var library = MustacheLibrary()
        for (name, text) in ServerTemplates.all {
            do {
                try library.register(text, named: name)
            } catch {
                throw .badSite("the server's template '\(name)' does not parse: \(error)")
            }
        }
        self.library = library
        self.siteTitle = siteTitle
    }

    /// The page for a graded, recorded attempt: the score, and for each question whether it was right
    /// and what was answered. The explanations and the right options (which give the answers away)
    /// only when the quiz's `feedback` allows it for this attempt: by default after a pass only, so
    /// that a failed attempt says which questions were wrong and nothing about the right options.
    func quizResult(quiz: ServedQuiz, grade: GradeResult, record: AttemptRecord, isAdmin: Bool) -> String {
        let feedback = quiz.quiz.feedback
        let revealsAnswers = feedback.revealsAnswers(passed: grade.passed)
        let questions: [[String: Any]] = grade.questions.map { result in
            let question = quiz.quiz.questions.first { $0.id == result.questionID }
            let optionHTML = quiz.optionHTML[result.questionID] ?? [:]
            var item: [String: Any] = [
                "text": question?.text ?? "Question \(result.questionID)",
                "correct": result.correct,
                "selected": result.selected.map { ["html": optionHTML[$0] ?? $0] },
            ]
            if revealsAnswers, let question {
                let right = question.options.filter(\.isCorrect)
                item["rightAnswers"] = [
                    "label": right.count > 1 ? "The right answers:" : "The right answer:",
                    "options": right.map { ["html": optionHTML[$0.id] ?? $0.id] },
                ]
                if let explanation = quiz.explanationHTML[result.questionID] { item["explanation"] = explanation }
            }
            return item
        }
        var context: [String: Any] = [
            "title": "Result: \(quiz.quiz.title)", "isAdmin": isAdmin, "quizTitle": quiz.quiz.title,
            "quizID": quiz.quiz.id, "passed": grade.passed, "scorePercent": grade.scorePercent,
            "passPercent": quiz.quiz.passPercent, "rightCount": grade.questions.filter(\.correct).count,
            "questionCount": grade.questions.count, "person": record.person, "recordedAt": record.recordedAt,
            "recordID": record.id, "questions": questions,
        ]
        if !revealsAnswers {
            context["feedbackNote"] =
                feedback == .afterPass
                ? "The explanations and the right answers are shown once you pass."
                : "This quiz does not show its answers."
        }
        return render("quiz-result", context: context)
    }

    /// "My training": the caller's requirements and history.
    func myTraining(
        _ payload: MyTrainingPayload, quizTitles: [String: String],
        policyPages: [String: (title: String, path: String)] = [:]
    ) -> String {
        render(
            "my-training",
            context: [
                "title": "My training", "isAdmin": payload.isAdmin, "person": payload.person, "name": payload.name,
                "asOf": payload.asOf, "hasRequirements": !payload.requirements.isEmpty,
                "requirements": payload.requirements.map(Self.row), "hasHistory": !payload.history.isEmpty,
                "historyShown": payload.historyTotal > payload.history.count ? payload.history.count : false,
                "historyTotal": payload.historyTotal,
                "history": payload.history.reversed().map { entry -> [String: Any] in
                    if entry.kind == RecordKind.acceptance.rawValue, let (policy, version) = entry.policyVersions.first
                    {
                        return [
                            "recordedAt": entry.recordedAt, "isAcceptance": true,
                            "policyTitle": policyPages[policy]?.title ?? policy, "version": version,
                        ]
                    }
                    return [
                        "recordedAt": entry.recordedAt, "quizTitle": quizTitles[entry.quiz] ?? entry.quiz,
                        "scorePercent": entry.scorePercent, "passed": entry.passed, "isAcceptance": false,
                    ]
                },
            ])
    }

    /// The admins' page: the same table as `attest training status`, and completion per team.
    /// `teamChart`: the completion chart per team, SVG made by ``TrainingStatusPage`` (its text escaped there);
    /// `reminders`: the reminder ledger, shown as when each person was last reminded and at which stage.
    func trainingStatus(
        _ payload: TrainingStatusPayload, teamChart: String = "", reminders: [ReminderLogEntry] = []
    ) -> String {
        let reminderRows = Self.lastReminderRows(reminders)
        return render(
            "training-status",
            context: [
                "reminders": reminderRows, "hasReminders": !reminderRows.isEmpty,
                "title": "Training status", "isAdmin": true, "asOf": payload.asOf, "teamChart": teamChart,
                "requirements": payload.requirements.map(Self.row),
                "teams": payload.teams.map { team -> [String: Any] in
                    ["team": team.team, "required": team.required, "current": team.current, "percent": team.percent]
                },
            ])
    }

    /// The page an invitation link opens: who it signs in, and the button that does.
    func invitation(token: String, check: String, person: Person, expires: String) -> String {
        render(
            "invitation",
            context: [
                "title": "Sign in", "isAdmin": false, "token": token, "check": check, "person": person.email,
                "name": person.name, "expires": expires,
            ])
    }

    /// A refusal: the status's reason as the heading and the message.
    func error(_ failure: RequestFailure) -> String {
        render("error", context: ["title": Self.statusTitle(failure), "message": failure.message, "isAdmin": false])
    }

    func render(_ template: String, context: [String: Any]) -> String {
        var context = context
        context["siteTitle"] = siteTitle
        let content =
            (library.render(context, withTemplate: "training-navigation") ?? "")
            + (library.render(context, withTemplate: template) ?? "")
        let title = context["title"] as? String ?? siteTitle
        if let siteLayout {
            return siteLayout.renderPage(contentHTML: content, title: title)
        }
        return library.render(["title": title, "siteTitle": siteTitle, "content": content], withTemplate: "layout")
            ?? ""
    }

    static func row(_ requirement: RequirementPayload) -> [String: Any] {
        let isQuiz = requirement.requirement == RequirementKind.quiz.rawValue
        return [
            "isQuiz": isQuiz, "policy": requirement.policy, "policyTitle": requirement.policyTitle,
            "policyPath": requirement.policyPath, "policyVersion": requirement.policyVersion,
            "label": isQuiz ? requirement.quiz : "accept \(requirement.policy) \(requirement.policyVersion)",
            "person": requirement.person, "name": requirement.name, "team": requirement.team,
            "quiz": requirement.quiz, "quizTitle": requirement.quizTitle, "state": requirement.state,
            "stateLabel": stateLabel(requirement.state), "lastPassed": requirement.lastPassed ?? "–",
            "expires": requirement.expires ?? "–", "due": requirement.due ?? "–",
        ]
    }

    static func stateLabel(_ state: String) -> String {
        switch RequirementState(rawValue: state) {
        case .current: "Current"
        case .dueSoon: "Due soon"
        case .overdue: "Overdue"
        case .neverDone: "Not done yet"
        case nil: state
        }
    }

    static func statusTitle(_ failure: RequestFailure) -> String {
        "\(failure.status.code) \(failure.status.reasonPhrase)"
    }
}
