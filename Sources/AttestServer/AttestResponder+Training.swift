import Foundation
import HandbookContent
import Hummingbird
import TrainingRecords

extension AttestResponder {
    /// `GET /me/`: the caller's requirements and history.
    func myTrainingPage(_ request: Request) async throws(RequestFailure) -> Response {
        let payload = try await myTraining(request)
        return Self.htmlResponse(
            state.pages.myTraining(payload, quizTitles: state.quizTitles, policyPages: state.policyPages), status: .ok)
    }

    /// `GET /api/v1/me`.
    func myTrainingJSON(_ request: Request) async throws(RequestFailure) -> Response {
        Self.jsonResponse(try await myTraining(request), status: .ok)
    }

    /// `GET /admin/training/` (admins).
    func adminStatusPage(_ request: Request) async throws(RequestFailure) -> Response {
        _ = try requireAdmin(request)
        let status = try await computedStatus()
        let payload = TrainingStatusPayload(status, quizTitles: state.quizTitles, policyPages: state.policyPages)
        // The reminder ledger is shown when it can be read; the status page does not depend on it.
        let reminders = (try? await state.store.reminderLog()) ?? []
        return Self.htmlResponse(
            state.pages.trainingStatus(payload, teamChart: Self.teamChartSVG(status), reminders: reminders),
            status: .ok)
    }

    /// `GET /api/v1/training/status` (admins).
    func trainingStatusJSON(_ request: Request) async throws(RequestFailure) -> Response {
        _ = try requireAdmin(request)
        return Self.jsonResponse(try await trainingStatus(), status: .ok)
    }

    var today: CalendarDate { CalendarDate(secondsSince1970: state.settings.now().timeIntervalSince1970) }

    func myTraining(_ request: Request) async throws(RequestFailure) -> MyTrainingPayload {
        let (caller, person) = try requirePerson(request)
        let records: PersonTrainingRecords
        do {
            records = try await state.store.trainingRecords(
                person: caller.email, recentLimit: MyTrainingPayload.historyLimit)
        } catch {
            throw RequestFailure(status: .serviceUnavailable, message: "The training records cannot be read: \(error).")
        }
        let status = TrainingStatus.compute(
            quizzes: state.handbook.quizzes, policies: state.handbook.policies, roster: Roster(people: [person]),
            records: records.latestPasses + records.acceptances, asOf: today)
        return MyTrainingPayload(
            person: person.email, name: person.name, asOf: status.asOf.description, isAdmin: isAdmin(person.email),
            requirements: status.requirements.filter { $0.person.email == person.email }.map {
                RequirementPayload(
                    $0, quizTitle: state.quizTitles[$0.quizID] ?? $0.quizID, policyPages: state.policyPages)
            },
            history: records.recent.map(HistoryPayload.init), historyTotal: records.total)
    }

    /// The admin page's completion chart per team: the one `attest training status --format html` draws.
    static func teamChartSVG(_ status: TrainingStatus) -> String {
        TrainingStatusPage(status: status, title: "Training status").chart(status.teamCompletion)
    }

    func trainingStatus() async throws(RequestFailure) -> TrainingStatusPayload {
        TrainingStatusPayload(try await computedStatus(), quizTitles: state.quizTitles, policyPages: state.policyPages)
    }

    /// Everyone's standing today, from every record (quiz passes and acceptances).
    func computedStatus() async throws(RequestFailure) -> TrainingStatus {
        let records: [AttemptRecord]
        do {
            records = try await state.store.allRecords()
        } catch {
            throw RequestFailure(status: .serviceUnavailable, message: "The training records cannot be read: \(error).")
        }
        return TrainingStatus.compute(
            quizzes: state.handbook.quizzes, policies: state.handbook.policies, roster: state.roster,
            records: records, asOf: today)
    }
}
