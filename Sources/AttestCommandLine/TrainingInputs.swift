import ArgumentParser
import Foundation
import HandbookContent
import TrainingRecords

/// What the training commands read besides the records: the handbook (quizzes, policies, settings),
/// the roster, and where the records are. Each reader returns diagnostics rather than throwing.
enum TrainingInputs {
    /// Where the records are: `--records` as given, else handbook.yml's `records` under the root,
    /// else `.attest/records.sqlite` under the root. `display` is the path to show in messages.
    struct RecordsLocation {
        var path: String
        var display: String
        /// Whether the path was given explicitly (a missing file is then an error, not "no records yet").
        var isExplicit: Bool
    }

    static func recordsLocation(root: String, option: String?, config: HandbookConfig?) -> RecordsLocation {
        if let option { return RecordsLocation(path: option, display: option, isExplicit: true) }
        let relative = config?.records ?? ".attest/records.sqlite"
        return RecordsLocation(path: join(root, relative), display: relative, isExplicit: false)
    }

    /// The handbook's settings, when it has a content/handbook.yml; nil (no diagnostics) when it has none.
    // On merge: reading handbook.yml alone (HandbookConfigReader) would spare loading the whole handbook.
    static func config(root: String) -> (config: HandbookConfig?, diagnostics: [Diagnostic]) {
        guard FileManager.default.fileExists(atPath: join(root, "content/handbook.yml")) else { return (nil, []) }
        let (handbook, diagnostics) = HandbookLoader.load(root: root)
        return (handbook?.config, diagnostics)
    }

    /// The whole handbook (quizzes and policies in force).
    static func handbook(root: String) -> (handbook: Handbook?, diagnostics: [Diagnostic]) {
        HandbookLoader.load(root: root)
    }

    /// The roster at `--people`, else handbook.yml's `people` under the root; nil with an error when
    /// neither is given or the file has errors.
    static func roster(root: String, option: String?, config: HandbookConfig?) -> (
        roster: Roster?, diagnostics: [Diagnostic]
    ) {
        let path: String, display: String
        if let option {
            (path, display) = (option, option)
        } else if let people = config?.people {
            (path, display) = (join(root, people), people)
        } else {
            return (nil, [.error("no roster: pass --people PATH or set `people` in content/handbook.yml", at: nil)])
        }
        return readRoster(path: path, display: display)
    }

    /// Reads the people CSV with the content model's roster reader.
    static func readRoster(path: String, display: String) -> (roster: Roster?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read the roster '\(display)'", at: nil)])
        }
        return RosterReader.read(bytes: Array(data), path: display)
    }

    /// Opens the records; `mustExist` for commands that only read them.
    static func openStore(_ location: RecordsLocation, mustExist: Bool) -> (
        store: SQLiteRecordStore?, diagnostics: [Diagnostic]
    ) {
        do {
            return (try SQLiteRecordStore(path: location.path, createIfMissing: !mustExist), [])
        } catch {
            let message: String
            switch error {
            case .notFound: message = "no training records at '\(location.display)'"
            case .cannotOpen(_, let reason):
                message = "cannot open the training records '\(location.display)': \(reason)"
            default: message = error.description
            }
            return (nil, [.error(message, at: nil)])
        }
    }

    /// Every record; a row that cannot be read (a tampered column) is reported as bad input.
    static func allRecords(_ store: SQLiteRecordStore, _ location: RecordsLocation) async throws -> [AttemptRecord] {
        do {
            return try await store.allRecords()
        } catch let error as RecordStoreError {
            DiagnosticPrinter.print([
                .error(
                    "the training records '\(location.display)' are damaged: \(error) (run `attest training verify`)",
                    at: nil)
            ])
            throw ExitCode.badInput
        }
    }

    /// Writes `text` to `path` atomically, or to standard output when `path` is nil.
    static func write(_ text: String, to path: String?) -> [Diagnostic] {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return []
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return []
        } catch {
            return [.error("cannot write '\(path)': \(error.localizedDescription)", at: nil)]
        }
    }

    /// Today's UTC date.
    static var today: CalendarDate { CalendarDate(secondsSince1970: Date().timeIntervalSince1970) }

    static func join(_ root: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
