import HandbookContent

/// Renders a ``TrainingStatus`` for `attest training status`: each person × required quiz with its
/// state and dates, then completion per team.
public enum TrainingStatusReport {
    /// The output formats of `attest training status`.
    public enum Format: String, Hashable, Sendable, CaseIterable {
        case table, csv, json, html
    }

    /// The report in `format`.
    public static func render(_ status: TrainingStatus, format: Format) -> String {
        switch format {
        case .table: table(status)
        case .csv: csv(status)
        case .json: json(status)
        case .html: TrainingStatusPage(status: status, title: "Training status").html
        }
    }

    /// `-` for a missing date.
    static func text(_ date: CalendarDate?) -> String { date?.description ?? "-" }

    /// A plain-text table with aligned columns.
    static func table(_ status: TrainingStatus) -> String {
        var rows: [[String]] = [
            ["EMAIL", "NAME", "TEAM", "QUIZ OR ACCEPTANCE", "STATE", "LAST PASSED", "EXPIRES", "DUE"]
        ]
        for requirement in status.requirements {
            rows.append([
                requirement.person.email, requirement.person.name, requirement.person.team, requirement.label,
                requirement.state.rawValue, text(requirement.lastPassed), text(requirement.expires),
                text(requirement.due),
            ])
        }
        var output = "Training status as of \(status.asOf)\n\n" + aligned(rows)
        var teams: [[String]] = [["TEAM", "REQUIRED", "CURRENT", "COMPLETION"]]
        for team in status.teamCompletion {
            teams.append([
                team.team.isEmpty ? "(no team)" : team.team, "\(team.required)", "\(team.completed)",
                "\(team.percent)%",
            ])
        }
        output += "\nCompletion by team (current or due soon)\n\n" + aligned(teams)
        return output
    }

    private static func aligned(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var output = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                line +=
                    column == columns - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            output += line + "\n"
        }
        return output
    }
}
