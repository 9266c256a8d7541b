import HandbookContent
import Markdown

/// `attest training status --format html`: one static page for a report, with no script and no
/// outside resource: completion per team as an inline SVG bar chart (and the same numbers as a
/// table, for screen readers and printing), then every requirement. Every text is escaped.
public struct TrainingStatusPage: Sendable {
    public var status: TrainingStatus
    public var title: String

    public init(status: TrainingStatus, title: String) {
        self.status = status
        self.title = title
    }

    /// Geometry of the chart, in SVG user units.
    static let labelWidth = 180
    static let barWidth = 400
    static let rowHeight = 28
    static let barHeight = 18

    private static func escape(_ text: String) -> String { HTMLEscaping.text(text) }

    static func teamName(_ team: String) -> String { team.isEmpty ? "(no team)" : team }

    /// The whole page.
    public var html: String {
        let teams = status.teamCompletion
        let required = teams.reduce(0) { $0 + $1.required }
        let completed = teams.reduce(0) { $0 + $1.completed }
        let overall = TeamCompletion(team: "", required: required, completed: completed)
        var page = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title)) as of \(status.asOf)</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:60rem}
            table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}
            td.number{text-align:right}.overdue{color:#8a1c1c}.never_done{color:#6b4e00}
            </style>
            </head>
            <body>
            <h1>\(Self.escape(title))</h1>
            <p>As of \(status.asOf): \(overall.completed) of \(overall.required) requirements held (\(overall.percent)%): quizzes passed and current, policies accepted at their current major version.</p>
            <h2>Completion by team</h2>

            """
        page += chart(teams)
        page += """
            <table class="teams">
            <thead><tr><th scope="col">Team</th><th scope="col">Required</th><th scope="col">Held</th><th scope="col">Completion</th></tr></thead>
            <tbody>

            """
        for team in teams {
            page +=
                "<tr><td>\(Self.escape(Self.teamName(team.team)))</td><td class=\"number\">\(team.required)</td>"
                + "<td class=\"number\">\(team.completed)</td><td class=\"number\">\(team.percent)%</td></tr>\n"
        }
        page += """
            </tbody>
            </table>
            <h2>Everyone</h2>
            <table class="requirements">
            <thead><tr><th scope="col">Person</th><th scope="col">Name</th><th scope="col">Team</th><th scope="col">Requirement</th><th scope="col">State</th><th scope="col">Last done</th><th scope="col">Expires</th><th scope="col">Due</th></tr></thead>
            <tbody>

            """
        for requirement in status.requirements {
            let what =
                requirement.kind == .quiz
                ? "Quiz \(requirement.quizID)"
                : "Accept \(requirement.policyID) version \(requirement.policyVersion)"
            let cells = [
                requirement.person.email, requirement.person.name, Self.teamName(requirement.person.team), what,
                requirement.state.rawValue.replacingOccurrences(of: "_", with: " "),
                requirement.lastPassed?.description ?? "–", requirement.expires?.description ?? "–",
                requirement.due?.description ?? "–",
            ]
            page +=
                "<tr class=\"\(requirement.state.rawValue)\">"
                + cells.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>\n"
        }
        page += """
            </tbody>
            </table>
            </body>
            </html>

            """
        return page
    }

    /// One bar per team: its width is the completion percentage of the bar's full width.
    public func chart(_ teams: [TeamCompletion]) -> String {
        let height = max(1, teams.count) * Self.rowHeight + 8
        let width = Self.labelWidth + Self.barWidth + 120
        var svg =
            "<svg class=\"completion-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" "
            + "height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-labelledby=\"completion-chart-title\">\n"
            + "<title id=\"completion-chart-title\">Completion by team, as of \(status.asOf)</title>\n"
        for (row, team) in teams.enumerated() {
            let y = row * Self.rowHeight + 4
            let filled = team.percent * Self.barWidth / 100
            let textY = y + Self.barHeight - 4
            let name = Self.escape(Self.teamName(team.team))
            svg +=
                "<g class=\"team\"><text x=\"\(Self.labelWidth - 8)\" y=\"\(textY)\" text-anchor=\"end\" "
                + "font-size=\"13\">\(name)</text>"
                + "<rect x=\"\(Self.labelWidth)\" y=\"\(y)\" width=\"\(Self.barWidth)\" height=\"\(Self.barHeight)\" "
                + "fill=\"#e4e4e4\"/>"
                + "<rect class=\"bar\" x=\"\(Self.labelWidth)\" y=\"\(y)\" width=\"\(filled)\" "
                + "height=\"\(Self.barHeight)\" fill=\"#2e6da4\" "
                + "data-percent=\"\(team.percent)\"/>"
                + "<text x=\"\(Self.labelWidth + Self.barWidth + 8)\" y=\"\(textY)\" font-size=\"13\">"
                + "\(team.percent)% (\(team.completed) of \(team.required))</text></g>\n"
        }
        return svg + "</svg>\n"
    }
}
