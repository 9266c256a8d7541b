import Foundation
import HandbookContent

/// Loads the handbook together with its roster, so that quiz audiences are checked against the
/// roster's groups whenever a roster is known (`--people`, else handbook.yml's `people`).
enum HandbookInputs {
    static func load(root: String, includeDrafts: Bool = false, people: String? = nil) -> (
        handbook: Handbook?, roster: Roster?, diagnostics: [Diagnostic]
    ) {
        let (files, roster, rosterDiagnostics) = read(root: root, includeDrafts: includeDrafts, people: people)
        let (handbook, loadDiagnostics) = files.handbook()
        let diagnostics = rosterDiagnostics + loadDiagnostics
        return (diagnostics.hasErrors ? nil : handbook, roster, diagnostics)
    }

    /// Every file of the handbook as read (quiz audiences checked against the roster, when known),
    /// the roster, and the roster's diagnostics: what `--watch` keeps to re-read only what changes.
    static func read(root: String, includeDrafts: Bool = false, people: String? = nil) -> (
        files: HandbookFiles, roster: Roster?, diagnostics: [Diagnostic]
    ) {
        var diagnostics: [Diagnostic] = []
        var roster: Roster?
        let configPath = TrainingInputs.join(root, "content/handbook.yml")
        var configuredPeople: String?
        if let data = FileManager.default.contents(atPath: configPath) {
            // Only to find the roster; the loader reads handbook.yml again and reports its diagnostics.
            configuredPeople =
                HandbookConfigReader.read(text: String(decoding: data, as: UTF8.self), path: "content/handbook.yml")
                .config?.people
        }
        if people != nil || configuredPeople != nil {
            let (read, rosterDiagnostics) = TrainingInputs.roster(
                root: root, option: people, config: HandbookConfig(title: "", people: configuredPeople))
            roster = read
            diagnostics += rosterDiagnostics
        }
        let files = HandbookFiles.read(root: root, options: .init(includeDrafts: includeDrafts, roster: roster))
        return (files, roster, diagnostics)
    }
}
